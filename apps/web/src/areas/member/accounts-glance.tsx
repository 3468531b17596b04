import { Badge, Group, Stack, Text } from '@mantine/core';
import type { CoopAccount } from '@cardcoop/sdk';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoaded } from '../id/card/use-loaded';
import { SUCCESS } from '../id/common/colors';
import { useMember } from '../id/session/require-unlocked';
import { HomeSection } from './home-section';
import { sectionState } from './section-state';

const LIST = { listStyle: 'none' } as const;

/**
 * One account: the cooperative's name once it confirmed the membership; until then only the
 * member's username there, awaiting confirmation.
 */
function AccountLine({ account }: { account: CoopAccount }) {
  const { t } = useTranslation('member');
  const confirmed = account.membership === 'confirmed';
  const status = account.closedAt
    ? t('home.accounts.closed')
    : confirmed
      ? t('home.accounts.confirmed')
      : t('home.accounts.awaiting');
  return (
    <Group component="li" justify="space-between" gap="xs" wrap="wrap">
      <Stack gap={0} miw={0}>
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {confirmed ? account.displayName : account.username}
        </Text>
        {confirmed && (
          <Text size="sm" c="dimmed">
            {account.username}
          </Text>
        )}
      </Stack>
      <Badge
        color={confirmed && !account.closedAt ? SUCCESS : 'gray'}
        variant={confirmed && !account.closedAt ? 'filled' : 'light'}
      >
        {status}
      </Badge>
    </Group>
  );
}

/** The member's accounts in cooperatives and where each membership stands. */
export function AccountsGlance() {
  const { t } = useTranslation('member');
  const member = useMember();
  // Account keys stay in this component only (see useLoaded).
  const load = useCallback(() => member.card.listAccounts(), [member]);
  const { state, reload } = useLoaded(load);
  return (
    <HomeSection
      id="home-accounts"
      title={t('home.accounts.title')}
      failed={t('home.accounts.loadFailed')}
      lines={3}
      more={{ to: '/id/accounts', label: t('home.accounts.manage') }}
      state={sectionState(state, reload)}
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
