import type { Notification } from '@cardcoop/contracts';
import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMember } from '../../id/session/require-unlocked';
import { HomeSection } from '../home-section';
import type { SectionState } from '../home-section';
import { NoticeItem } from './notice-item';
import { useNotices } from './use-notices';

const FILTER = { limit: 5 };
const LIST = { listStyle: 'none' } as const;

/** The home's last five notices, live, with a link to the centre. */
export function NoticesGlance() {
  const { t } = useTranslation('member', { keyPrefix: 'notifications' });
  const { list, reload } = useNotices(useMember(), FILTER);
  const state: SectionState<Notification[]> =
    list.status === 'ready'
      ? { status: 'ready', value: list.notices }
      : list.status === 'failed'
        ? { status: 'failed', error: list.error, retry: reload }
        : list;
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
