import { Stack, Text } from '@mantine/core';
import type { Dashboard } from '@cardcoop/contracts';
import { useTranslation } from 'react-i18next';
import { HomeSection } from '../home-section';
import { queryState } from '../section-state';
import { useDashboard } from '../use-dashboard';
import { ContributionLine } from './contributions-page';

const LIST = { listStyle: 'none' } as const;
const unpaidOf = (dashboard: Dashboard) => dashboard.contributions;

/**
 * The home's "Unpaid contributions" (overdue and requested, the nearest due first): shown only
 * when there is something to pay. A request, a change or a confirmation notifies the member,
 * which reloads it (see useDashboard).
 */
export function UnpaidGlance() {
  const { t } = useTranslation('member');
  const state = queryState(useDashboard(unpaidOf));
  if (state.status === 'ready' && state.value.unpaid === 0) return null;
  return (
    <HomeSection
      id="home-contributions"
      title={t('contributions.unpaid.title')}
      failed={t('contributions.unpaid.loadFailed')}
      lines={2}
      more={{ to: '/member/contributions', label: t('contributions.unpaid.all') }}
      state={state}
    >
      {({ unpaid, nearest }) => (
        <Stack component="ul" gap="md" p={0} m={0} style={LIST}>
          {nearest.map((contribution) => (
            <ContributionLine key={contribution.id} contribution={contribution} />
          ))}
          {unpaid > nearest.length && (
            <Text component="li" size="sm" c="dimmed">
              +{unpaid - nearest.length}
            </Text>
          )}
        </Stack>
      )}
    </HomeSection>
  );
}
