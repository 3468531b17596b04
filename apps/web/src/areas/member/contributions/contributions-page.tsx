import { Anchor, Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { CONTRIBUTION_STATUSES } from '@cardcoop/contracts';
import type { Contribution, ContributionList, ContributionStatus } from '@cardcoop/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { formatDate } from '../../../lib/format';
import { useMember } from '../../id/session/require-unlocked';
import { HomeSection } from '../home-section';
import { sectionState } from '../section-state';
import { useKeysetPages } from '../use-keyset-pages';
import { StatusBadge, useKindLabel } from './contribution-labels';
import { formatDay, formatMoney } from './money';

const LIST = { listStyle: 'none' } as const;
type Filter = ContributionStatus | 'all';

/** One contribution in a list: what, to whom, how much, by when, and where it stands. */
export function ContributionLine({ contribution }: { contribution: Contribution }) {
  const { t, i18n } = useTranslation('member');
  const kind = useKindLabel();
  const when =
    contribution.status === 'paid' && contribution.paid_at
      ? t('contributions.paidOn', { date: formatDay(contribution.paid_at, i18n.language) })
      : t('contributions.due', { date: formatDate(contribution.due_date, i18n.language) });
  return (
    <Group component="li" justify="space-between" gap="xs" wrap="wrap" align="flex-start">
      <Stack gap={0} miw={0}>
        <Anchor component={Link} to={`/member/contributions/${contribution.id}`} fw={600}>
          {kind(contribution)}
        </Anchor>
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {contribution.display_name} · {when}
        </Text>
      </Stack>
      <Group gap="xs" wrap="nowrap">
        <Text fw={600} style={{ whiteSpace: 'nowrap' }}>
          {formatMoney(contribution.amount, i18n.language)}
        </Text>
        <StatusBadge status={contribution.status} />
      </Group>
    </Group>
  );
}

/** `/member/contributions`: every contribution asked of the member, newest first, by status. */
export function ContributionsPage() {
  const { t } = useTranslation('member');
  usePageTitle(t('contributions.title'));
  const member = useMember();
  const [filter, setFilter] = useState<Filter>('all');
  const load = useCallback(
    (after?: string) =>
      member.contributions.list({
        ...(filter === 'all' ? {} : { status: filter }),
        ...(after ? { after } : {}),
      }),
    [member, filter],
  );
  const { state, reload, next, loadMore, loadingMore, itemsWith } = useKeysetPages(
    load,
    (list: ContributionList) => list.contributions,
  );

  return (
    <Stack maw={900} gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('contributions.title')}</Title>
        <Text>{t('contributions.lead')}</Text>
      </Stack>
      <NativeSelect
        label={t('contributions.filter')}
        value={filter}
        onChange={(event) => setFilter(event.currentTarget.value as Filter)}
        data={[
          { value: 'all', label: t('contributions.all') },
          ...CONTRIBUTION_STATUSES.map((status) => ({
            value: status,
            label: t(`contributions.status.${status}`),
          })),
        ]}
        maw={240}
      />
      <HomeSection
        id="contributions-list"
        title={t('contributions.title')}
        failed={t('contributions.loadFailed')}
        lines={4}
        state={sectionState(state, reload)}
      >
        {(list) => {
          const all = itemsWith(list);
          return all.length === 0 ? (
            <Text c="dimmed">{t('contributions.none')}</Text>
          ) : (
            <Stack gap="md">
              <Stack component="ul" gap="md" p={0} m={0} style={LIST}>
                {all.map((contribution) => (
                  <ContributionLine key={contribution.id} contribution={contribution} />
                ))}
              </Stack>
              {next && (
                <Button variant="default" onClick={loadMore} loading={loadingMore} w="fit-content">
                  {t('contributions.more')}
                </Button>
              )}
            </Stack>
          );
        }}
      </HomeSection>
    </Stack>
  );
}
