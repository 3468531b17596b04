import { Button, Group, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { sessionStore } from './session/session-store';
import { useSession } from './session/use-session';

const SECTIONS = ['card', 'accounts', 'access', 'security'] as const;

/** The id area's frame: the member's sections and sign-out, once signed in. */
export function IdLayout() {
  const { t } = useTranslation('id');
  const state = useSession();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const current = SECTIONS.find((section) => pathname.startsWith(`/id/${section}`));

  return (
    <>
      {state.status === 'unlocked' && (
        <Group justify="space-between" wrap="wrap" mb="lg" gap="xs">
          <Tabs
            value={current ?? null}
            onChange={(section) => section && void navigate(`/id/${section}`)}
            variant="pills"
          >
            <Tabs.List aria-label={t('common.nav.label')}>
              {SECTIONS.map((section) => (
                <Tabs.Tab key={section} value={section}>
                  {t(`common.nav.${section}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
          </Tabs>
          <Button
            variant="default"
            size="sm"
            onClick={() => void sessionStore.logout().then(() => navigate('/id/login'))}
          >
            {t('common.nav.logout')}
          </Button>
        </Group>
      )}
      <Outlet />
    </>
  );
}
