import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useGrants } from '../id/access/use-grants';
import type { Grant } from '../id/access/use-grants';
import { useFormatDate } from '../id/common/format-date';
import { useMember } from '../id/session/require-unlocked';
import { HomeSection } from './home-section';
import type { SectionState } from './home-section';

/** How many reads the home lists, the latest first. */
const SHOWN = 5;

const LIST = { listStyle: 'none' } as const;

/** Grants a cooperative has read, the most recently read first. */
function recentReads(grants: Grant[]): Grant[] {
  return grants
    .filter((grant) => grant.last_read_at !== null)
    .sort((a, b) => (b.last_read_at ?? '').localeCompare(a.last_read_at ?? ''))
    .slice(0, SHOWN);
}

/** Which cooperatives read the member's data, when last and how many times. */
export function ReadsGlance() {
  const { t } = useTranslation('member');
  const formatDate = useFormatDate();
  const { list, reload } = useGrants(useMember());
  const state: SectionState<Grant[]> =
    list.status === 'loaded'
      ? { status: 'ready', value: recentReads(list.grants) }
      : list.status === 'failed'
        ? { status: 'failed', error: list.error, retry: reload }
        : list;
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
