import { ActionIcon, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { SCREEN_HELP } from '../help/topics';
import { sessionStore } from './session/session-store';
import { useSession } from './session/use-session';

const SECTIONS = ['card', 'accounts', 'access', 'security'] as const;

/** Signs the member out on this device, then shows the login page (the id screens, the home). */
export function SignOutButton() {
  const { t } = useTranslation('id');
  const navigate = useNavigate();
  return (
    <Button
      variant="default"
      size="sm"
      onClick={() => void sessionStore.logout().then(() => navigate('/id/login'))}
    >
      {t('common.nav.logout')}
    </Button>
  );
}

/** The id area's frame: help about the screen and sign-out, once signed in. */
export function IdLayout() {
  const { t } = useTranslation('id');
  const { t: tShell } = useTranslation();
  const state = useSession();
  const { pathname } = useLocation();
  const current = SECTIONS.find((section) => pathname.startsWith(`/id/${section}`));

  return (
    <>
      {state.status === 'unlocked' && (
        // The screens themselves are in the header's menu (app-layout.tsx): one navigation.
        <Group justify="flex-end" mb="lg" gap="xs">
          {/* Contextual help: the help centre's answer about this screen. */}
          {current && (
            <ActionIcon
              component={Link}
              to={SCREEN_HELP[current]}
              variant="default"
              size="lg"
              radius="xl"
              aria-label={tShell('nav.helpAbout', { section: t(`common.nav.${current}`) })}
            >
              ?
            </ActionIcon>
          )}
          <SignOutButton />
        </Group>
      )}
      <Outlet />
    </>
  );
}
