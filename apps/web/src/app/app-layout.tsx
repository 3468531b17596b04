import { AppShell, Box, Burger, Group, NavLink as MantineNavLink } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { ColorSchemeToggle } from '../components/color-scheme-toggle';
import { LanguageSwitch } from '../components/language-switch';
import { useSignedInEmail } from '../areas/id/session/signed-in-email';
import { AREAS, MEMBER_NAV } from './areas';
import classes from './app-layout.module.css';
import { MaintenanceBanner } from './maintenance-banner';
import { SignedInAs } from './signed-in-as';

// The bell loads with the session's code, only once someone is signed in.
const NotificationBell = lazy(async () => ({
  default: (await import('../areas/member/notifications/bell')).NotificationBell,
}));

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  // A link others lie under (the home, /member) is current on its own page only.
  const isParent = (path: string) => links.some((link) => link.path.startsWith(`${path}/`));
  const isActive = (path: string) =>
    pathname === path || (!isParent(path) && pathname.startsWith(`${path}/`));
  const email = useSignedInEmail();
  const signedInAs = email && <SignedInAs email={email} />;
  // One menu: a signed-in member's home and card screens; the platform's areas otherwise. Help
  // is in both. The member's menu is longer: it folds into the burger below `lg`.
  const links = [
    ...(email
      ? MEMBER_NAV.map(({ key, path }) => ({ key, path, label: t(`nav.member.${key}`) }))
      : AREAS.map(({ key, path }) => ({ key, path, label: t(`areas.${key}.title`) }))),
    { key: 'help', path: '/help', label: t('nav.help') },
  ];
  const breakpoint = email ? 'lg' : 'sm';

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 280, breakpoint, collapsed: { mobile: !opened, desktop: true } }}
      padding="md"
    >
      <a href="#main-content" className="skip-link">
        {t('app.skipToContent')}
      </a>

      <AppShell.Header>
        <Group h="100%" px="md" gap="sm" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom={breakpoint}
              size="sm"
              aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
              aria-expanded={opened}
              aria-controls="app-navbar"
            />
            <Link to="/" className={classes.logo}>
              {t('app.name')}
            </Link>
          </Group>

          <Group
            component="nav"
            aria-label={t('nav.label')}
            gap={4}
            visibleFrom={breakpoint}
            wrap="nowrap"
          >
            {links.map(({ key, path, label }) => (
              <NavLink key={key} to={path} end={isParent(path)} className={classes.headerLink}>
                {label}
              </NavLink>
            ))}
          </Group>

          <Group gap="xs" wrap="nowrap" miw={0}>
            {/* The e-mail gives way (truncated) when the menu needs the room. */}
            {signedInAs && (
              <Box visibleFrom="sm" miw={0}>
                {signedInAs}
              </Box>
            )}
            {email && (
              <Suspense>
                <NotificationBell />
              </Suspense>
            )}
            <LanguageSwitch />
            <ColorSchemeToggle />
          </Group>
        </Group>
      </AppShell.Header>

      {/* Mobile-only menu; `inert` keeps its links out of the tab order while it is slid away. */}
      <AppShell.Navbar
        id="app-navbar"
        p="md"
        hiddenFrom={breakpoint}
        aria-label={t('nav.label')}
        inert={!opened}
      >
        {signedInAs && <Group mb="sm">{signedInAs}</Group>}
        <MantineNavLink
          component={NavLink}
          to="/"
          label={t('nav.home')}
          active={pathname === '/'}
          onClick={close}
        />
        {links.map(({ key, path, label }) => (
          <MantineNavLink
            key={key}
            component={NavLink}
            to={path}
            label={label}
            active={isActive(path)}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>

      <AppShell.Main id="main-content" tabIndex={-1}>
        <MaintenanceBanner />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
