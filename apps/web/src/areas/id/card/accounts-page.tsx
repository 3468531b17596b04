import { Alert, Stack, Text, Title } from '@mantine/core';
import type { Cooperative, CooperativeBalances } from '@cardcoop/contracts';
import type { CoopAccount } from '@cardcoop/sdk';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../../components/page-loader';
import { usePageTitle } from '../../../components/use-page-title';
import { useMember } from '../session/require-unlocked';
import { AccountItem } from './account-item';
import { CloseAccountDialog } from './close-account-dialog';
import { LoadFailed } from './load-failed';
import { OpenAccount } from './open-account';
import { useLoaded } from './use-loaded';

/** `/id/accounts`: the member's account in each cooperative, opening new ones and closing. */
export function AccountsPage() {
  const { t } = useTranslation('id');
  usePageTitle(t('card.accounts.title'));
  const member = useMember();
  const load = useCallback(async () => {
    const [accounts, cooperatives, balances] = await Promise.all([
      member.card.listAccounts(),
      member.cooperatives.list(),
      member.balances.list(),
    ]);
    // Balances come for the open accounts whose membership is confirmed only.
    const byAccount = new Map<string, CooperativeBalances>(
      balances.map((entry) => [`${entry.coopname}/${entry.username}`, entry]),
    );
    return {
      accounts,
      balanceOf: (account: CoopAccount) => byAccount.get(`${account.coopname}/${account.username}`),
      cooperatives: cooperatives.filter((cooperative) => !cooperative.account),
    };
  }, [member]);
  const { state, reload } = useLoaded(load);
  const [opened, setOpened] = useState<Cooperative>();
  const [closing, setClosing] = useState<CoopAccount>();
  const [closed, setClosed] = useState<CoopAccount>();

  const body = () => {
    if (state.status === 'loading') return <PageLoader />;
    if (state.status === 'failed') {
      return (
        <LoadFailed title={t('card.accounts.loadFailed')} error={state.error} onRetry={reload} />
      );
    }
    const { accounts, balanceOf, cooperatives } = state.value;
    return (
      <>
        <Stack gap="sm" component="section" aria-labelledby="accounts-mine-title">
          <Title order={2} size="h3" id="accounts-mine-title">
            {t('card.accounts.mine')}
          </Title>
          <div role="status">
            {opened && (
              <Alert color="green" variant="light">
                {t('card.accounts.open.done', { name: opened.display_name })}
              </Alert>
            )}
            {closed && (
              <Alert color="green" variant="light">
                {t('access.accounts.closed', { name: closed.displayName })}
              </Alert>
            )}
          </div>
          {accounts.length === 0 ? (
            <Text c="dimmed">{t('card.accounts.none')}</Text>
          ) : (
            <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {accounts.map((account) => (
                <AccountItem
                  key={account.id}
                  account={account}
                  balances={balanceOf(account)}
                  focus={
                    account.coopname === opened?.coopname ||
                    // Once the list shows it closed (its button gone), not while it is closing.
                    (account.closedAt !== null && account.coopname === closed?.coopname)
                  }
                  onClose={() => setClosing(account)}
                />
              ))}
            </Stack>
          )}
        </Stack>
        <OpenAccount
          member={member}
          cooperatives={cooperatives}
          onChanged={(cooperative) => {
            setOpened(cooperative);
            setClosed(undefined);
            reload();
          }}
        />
        <CloseAccountDialog
          member={member}
          account={closing}
          onClose={() => setClosing(undefined)}
          onClosed={(account) => {
            setClosing(undefined);
            setClosed(account);
            setOpened(undefined);
            reload();
          }}
        />
      </>
    );
  };

  return (
    <Stack maw={760} gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('card.accounts.title')}</Title>
        <Text>{t('card.accounts.lead')}</Text>
      </Stack>
      {body()}
    </Stack>
  );
}
