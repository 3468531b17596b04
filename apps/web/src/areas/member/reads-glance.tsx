import { Stack, Text } from '@mantine/core';
import type { Dashboard } from '@cardcoop/contracts';
import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../id/common/format-date';
import { HomeSection } from './home-section';
import { queryState } from './section-state';
import { useDashboard } from './use-dashboard';

const LIST = { listStyle: 'none' } as const;
/** The latest reads, the most recent first (the server picks them). */
const readsOf = (dashboard: Dashboard) => dashboard.reads;

/** Which cooperatives read the member's data, when last and how many times. */
export function ReadsGlance() {
  const { t } = useTranslation('member');
  const formatDate = useFormatDate();
  const state = queryState(useDashboard(readsOf));
  return (
    <HomeSection
      id="home-reads"
      title={t('home.reads.title')}
      failed={t('home.reads.loadFailed')}
      lines={3}
      more={{ to: '/id/access', label: t('home.reads.manage') }}
      state={state}
    >
      {(reads) =>
        reads.length === 0 ? (
          <Text c="dimmed">{t('home.reads.none')}</Text>
        ) : (
          <Stack component="ul" gap="sm" p={0} m={0} style={LIST}>
            {reads.map((grant) => (
              <Stack component="li" key={grant.coopname} gap={0}>
                <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {grant.display_name}
                </Text>
                <Text size="sm">
                  {t('home.reads.read', { date: formatDate(grant.last_read_at ?? '') })} ·{' '}
                  {t('home.reads.count', { count: grant.read_count })}
                </Text>
              </Stack>
            ))}
          </Stack>
        )
      }
    </HomeSection>
  );
}
