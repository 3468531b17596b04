import { Group, Stack, Text } from '@mantine/core';
import type { CooperativeBalances, Dashboard, FundBalance } from '@cardcoop/contracts';
import { useTranslation } from 'react-i18next';
import { formatDay, formatMoney } from '../contributions/money';
import { HomeSection } from '../home-section';
import { queryState } from '../section-state';
import { useDashboard } from '../use-dashboard';

const LIST = { listStyle: 'none' } as const;
const balancesOf = (dashboard: Dashboard) => dashboard.balances;

function FundLine({ fund }: { fund: FundBalance }) {
  const { t, i18n } = useTranslation('member');
  return (
    <Group component="li" justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm">
        {fund.fund === 'other' ? fund.name : t(`contributions.balances.fund.${fund.fund}`)}
      </Text>
      <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
        {formatMoney(fund, i18n.language)}
      </Text>
    </Group>
  );
}

function CooperativeLine({ cooperative }: { cooperative: CooperativeBalances }) {
  const { t, i18n } = useTranslation('member');
  return (
    <Stack component="li" gap={4}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {cooperative.display_name}
        </Text>
        {cooperative.as_of && (
          <Text size="sm" c="dimmed">
            {t('contributions.balances.asOf', {
              date: formatDay(cooperative.as_of, i18n.language),
            })}
          </Text>
        )}
      </Group>
      {cooperative.funds.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('contributions.balances.empty')}
        </Text>
      ) : (
        <Stack component="ul" gap={2} p={0} m={0} style={LIST}>
          {cooperative.funds.map((fund) => (
            <FundLine key={`${fund.fund}/${fund.name ?? ''}`} fund={fund} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/**
 * The home's balances: funds per cooperative where the membership is confirmed (the API leaves
 * out applicants and closed accounts); shown only once there is such a cooperative. New balances
 * pushed by a cooperative show at once (see useDashboard).
 */
export function BalancesGlance() {
  const { t } = useTranslation('member');
  const state = queryState(useDashboard(balancesOf));
  if (state.status === 'ready' && state.value.length === 0) return null;
  return (
    <HomeSection
      id="home-balances"
      title={t('contributions.balances.title')}
      failed={t('contributions.balances.loadFailed')}
      lines={3}
      state={state}
    >
      {(cooperatives) => (
        <Stack component="ul" gap="md" p={0} m={0} style={LIST}>
          {cooperatives.map((cooperative) => (
            <CooperativeLine key={cooperative.coopname} cooperative={cooperative} />
          ))}
        </Stack>
      )}
    </HomeSection>
  );
}
