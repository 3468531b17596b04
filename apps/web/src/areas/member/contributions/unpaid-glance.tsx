import { Stack, Text } from '@mantine/core';
import type { Contribution } from '@cardcoop/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoaded } from '../../id/card/use-loaded';
import { useMember } from '../../id/session/require-unlocked';
import { HomeSection } from '../home-section';
import { sectionState } from '../section-state';
import { ContributionLine } from './contributions-page';
import { CONTRIBUTION_EVENTS, useReloadOn } from './use-reload-on';

const LIST = { listStyle: 'none' } as const;
const SHOWN = 3;

/** Overdue and requested contributions, the next due first. */
async function unpaid(list: (status: 'overdue' | 'requested') => Promise<Contribution[]>) {
  const [overdue, requested] = await Promise.all([list('overdue'), list('requested')]);
  return [...overdue, ...requested].sort((a, b) => a.due_date.localeCompare(b.due_date));
}

/** The home's "Unpaid contributions": shown only when there is something to pay. */
export function UnpaidGlance() {
  const { t } = useTranslation('member');
  const member = useMember();
  const load = useCallback(
    () => unpaid(async (status) => (await member.contributions.list({ status })).contributions),
    [member],
  );
  const { state, reload } = useLoaded(load);
  useReloadOn(CONTRIBUTION_EVENTS, reload);
  if (state.status === 'ready' && state.value.length === 0) return null;
  return (
    <HomeSection
      id="home-contributions"
      title={t('contributions.unpaid.title')}
      failed={t('contributions.unpaid.loadFailed')}
      lines={2}
      more={{ to: '/member/contributions', label: t('contributions.unpaid.all') }}
      state={sectionState(state, reload)}
    >
      {(contributions) => (
        <Stack component="ul" gap="md" p={0} m={0} style={LIST}>
          {contributions.slice(0, SHOWN).map((contribution) => (
            <ContributionLine key={contribution.id} contribution={contribution} />
          ))}
          {contributions.length > SHOWN && (
            <Text component="li" size="sm" c="dimmed">
              +{contributions.length - SHOWN}
            </Text>
          )}
        </Stack>
      )}
    </HomeSection>
  );
}
