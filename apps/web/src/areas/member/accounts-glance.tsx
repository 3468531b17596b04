import { Badge, Group, Stack, Text } from '@mantine/core';
import type { Dashboard, DashboardAccount } from '@cardcoop/contracts';
import { useTranslation } from 'react-i18next';
import { SUCCESS } from '../id/common/colors';
import { HomeSection } from './home-section';
import { queryState } from './section-state';
import { useDashboard } from './use-dashboard';

const LIST = { listStyle: 'none' } as const;
const accountsOf = (dashboard: Dashboard) => dashboard.accounts;

/**
 * One account: the cooperative's name once it confirmed the membership (the server names it only
 * then); until then only the member's username there, awaiting confirmation.
 */
function AccountLine({ account }: { account: DashboardAccount }) {
  const { t } = useTranslation('member');
  const confirmed = account.membership === 'confirmed';
  const closed = account.closed_at !== null;
  const status = closed
    ? t('home.accounts.closed')
    : confirmed
      ? t('home.accounts.confirmed')
      : t('home.accounts.awaiting');
  return (
    <Group component="li" justify="space-between" gap="xs" wrap="wrap">
      <Stack gap={0} miw={0}>
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {account.display_name ?? account.username}
        </Text>
        {account.display_name !== null && (
          <Text size="sm" c="dimmed">
            {account.username}
          </Text>
        )}
      </Stack>
      <Badge
        color={confirmed && !closed ? SUCCESS : 'gray'}
        variant={confirmed && !closed ? 'filled' : 'light'}
      >
        {status}
      </Badge>
    </Group>
  );
}

/** The member's accounts in cooperatives and where each membership stands. */
export function AccountsGlance() {
  const { t } = useTranslation('member');
  const state = queryState(useDashboard(accountsOf));
  return (
    <HomeSection
      id="home-accounts"
      title={t('home.accounts.title')}
      failed={t('home.accounts.loadFailed')}
      lines={3}
      more={{ to: '/id/accounts', label: t('home.accounts.manage') }}
      state={state}
    >
      {(accounts) =>
        accounts.length === 0 ? (
          <Text c="dimmed">{t('home.accounts.none')}</Text>
        ) : (
          <Stack component="ul" gap="sm" p={0} m={0} style={LIST}>
            {accounts.map((account) => (
              <AccountLine key={account.id} account={account} />
            ))}
          </Stack>
        )
      }
    </HomeSection>
  );
}
