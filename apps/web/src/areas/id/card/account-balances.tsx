import { DataList, Stack, Text } from '@mantine/core';
import type { CooperativeBalances } from '@cardcoop/contracts';
import { useTranslation } from 'react-i18next';
import { formatDay, formatMoney } from '../../member/contributions/money';

/** An account's funds as the cooperative last pushed them (confirmed memberships only). */
export function AccountBalances({ balances }: { balances: CooperativeBalances }) {
  const { t, i18n } = useTranslation('id');
  return (
    <DataList.Item>
      <DataList.ItemLabel>
        {t('card.accounts.balances.title')}
        {balances.as_of &&
          ` (${t('card.accounts.balances.asOf', { date: formatDay(balances.as_of, i18n.language) })})`}
      </DataList.ItemLabel>
      <DataList.ItemValue>
        {balances.funds.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('card.accounts.balances.none')}
          </Text>
        ) : (
          <Stack component="ul" gap={2} p={0} m={0} style={{ listStyle: 'none' }}>
            {balances.funds.map((fund) => (
              <Text component="li" size="sm" key={`${fund.fund}/${fund.name ?? ''}`}>
                {fund.fund === 'other' ? fund.name : t(`card.accounts.balances.${fund.fund}`)}:{' '}
                <Text component="span" size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {formatMoney(fund, i18n.language)}
                </Text>
              </Text>
            ))}
          </Stack>
        )}
      </DataList.ItemValue>
    </DataList.Item>
  );
}
