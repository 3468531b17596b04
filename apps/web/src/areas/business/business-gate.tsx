import { Button, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { usePageTitle } from '../../components/use-page-title';
import { RequireUnlocked } from '../id/session/require-unlocked';
import { useSession } from '../id/session/use-session';

/** `/business` for a signed-out visitor: what the panel is for, and the way in. */
function BusinessLanding() {
  const { t } = useTranslation('business');
  usePageTitle(t('title'));
  return (
    <Stack maw={760} gap="lg">
      <Title order={1}>{t('title')}</Title>
      <Text size="lg">{t('landing.lead')}</Text>
      <Text>{t('landing.staff')}</Text>
      <Group gap="sm">
        <Button component={Link} to={`/id/login?${new URLSearchParams({ next: '/business' })}`}>
          {t('landing.signIn')}
        </Button>
        <Button component={Link} to="/id/register" variant="default">
          {t('landing.register')}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * The panel's pages are a signed-in, unlocked member's (a cooperative's staff are members); its
 * front page tells a signed-out visitor what it is instead of sending them to sign in.
 */
export function BusinessGate({ children }: { children: ReactNode }) {
  const state = useSession();
  const { pathname } = useLocation();
  if (state.status === 'signed-out' && pathname.replace(/\/+$/, '') === '/business')
    return <BusinessLanding />;
  return <RequireUnlocked>{children}</RequireUnlocked>;
}
