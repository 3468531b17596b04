import type { Dashboard } from '@cardcoop/contracts';
import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { HomeSection } from '../home-section';
import { queryState } from '../section-state';
import { useDashboard } from '../use-dashboard';
import { NoticeItem } from './notice-item';

const LIST = { listStyle: 'none' } as const;
const latestOf = (dashboard: Dashboard) => dashboard.notifications.latest;

/** The home's last five notices, live (see useDashboard), with a link to the centre. */
export function NoticesGlance() {
  const { t } = useTranslation('member', { keyPrefix: 'notifications' });
  const state = queryState(useDashboard(latestOf));
  return (
    <HomeSection
      id="home-notifications"
      title={t('recent.title')}
      failed={t('loadFailed')}
      lines={3}
      more={{ to: '/member/notifications', label: t('recent.all') }}
      state={state}
    >
      {(notices) =>
        notices.length === 0 ? (
          <Text c="dimmed">{t('none')}</Text>
        ) : (
          <Stack component="ul" gap="sm" p={0} m={0} style={LIST}>
            {notices.map((notice) => (
              <NoticeItem key={notice.id} notice={notice} />
            ))}
          </Stack>
        )
      }
    </HomeSection>
  );
}
