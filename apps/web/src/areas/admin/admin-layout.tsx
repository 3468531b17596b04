import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { usePageTitle } from '../../components/use-page-title';
import { QueryState } from '../../components/query-state';
import { usePlatformRole } from './use-platform';
import type { PlatformRole } from './use-platform';

/** The sections of /admin; operator reviewers see the review queue and virtual cards only. */
const SECTIONS = [
  { key: 'overview', admin: true },
  { key: 'cooperatives', admin: true },
  { key: 'applications', admin: false },
  { key: 'virtual-cards', admin: false },
  { key: 'users', admin: true },
  { key: 'audit', admin: true },
  { key: 'maintenance', admin: true },
  { key: 'staff', admin: true },
] as const;

const RoleContext = createContext<PlatformRole>('none');

/** `/admin/*`: the sections the member's platform role sees above the current one, or "no access". */
export function AdminLayout() {
  const { t } = useTranslation('admin');
  const role = usePlatformRole();
  return (
    <Stack maw={1100} gap="md">
      <QueryState query={role} lines={2}>
        {(value) =>
          value === 'none' ? (
            <NoAccess />
          ) : (
            <RoleContext.Provider value={value}>
              <Stack gap="xs">
                <Text size="sm" c="dimmed">
                  {t('title')} · {t('yourRole', { role: t(`roles.${value}`) })}
                </Text>
                <AdminNav role={value} />
              </Stack>
              <Outlet />
            </RoleContext.Provider>
          )
        }
      </QueryState>
    </Stack>
  );
}

function AdminNav({ role }: { role: Exclude<PlatformRole, 'none'> }) {
  const { t } = useTranslation('admin');
  const { pathname } = useLocation();
  return (
    <Group component="nav" aria-label={t('nav.label')} gap={4}>
      {SECTIONS.filter((section) => role === 'platform_admin' || !section.admin).map(({ key }) => {
        const to = `/admin/${key}`;
        const current = pathname === to || pathname.startsWith(`${to}/`);
        return (
          <Button
            key={key}
            component={Link}
            to={to}
            size="compact-sm"
            variant={current ? 'light' : 'subtle'}
            aria-current={current ? 'page' : undefined}
          >
            {t(`nav.${key}`)}
          </Button>
        );
      })}
    </Group>
  );
}

function NoAccess() {
  const { t } = useTranslation('admin');
  usePageTitle(t('noAccess.title'));
  return (
    <Stack gap="sm" maw={640}>
      <Title order={1}>{t('noAccess.title')}</Title>
      <Text>{t('noAccess.text')}</Text>
      <Anchor component={Link} to="/">
        {t('noAccess.home')}
      </Anchor>
    </Stack>
  );
}

/** A section of platform admins only; an operator reviewer lands on the review queue. */
export function RequireRole({ role, children }: { role: 'platform_admin'; children: ReactNode }) {
  const current = useContext(RoleContext);
  if (current !== role) return <Navigate to="/admin/applications" replace />;
  return children;
}

/** A page's title and lead, the same on every section. */
export function SectionHeader({ title, lead }: { title: string; lead: string }) {
  usePageTitle(title);
  return (
    <Stack gap="xs" maw={720}>
      <Title order={1}>{title}</Title>
      <Text>{lead}</Text>
    </Stack>
  );
}
