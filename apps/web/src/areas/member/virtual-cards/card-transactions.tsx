import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { CARD_TRANSACTION_STATUSES, CARD_TRANSACTION_TYPES } from '@cardcoop/contracts';
import type { CardTransaction } from '@cardcoop/contracts';
import type { CardTransactionPage, CardTransactionsFilter } from '@cardcoop/sdk';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverError } from '../../../components/server-error';
import { useMember } from '../../id/session/require-unlocked';
import { formatMoney } from '../contributions/money';
import { HomeSection } from '../home-section';
import { sectionState } from '../section-state';
import { useKeysetPages } from '../use-keyset-pages';
import { useReasonText } from './labels';

const LIST = { listStyle: 'none' } as const;

/** One transaction: what, where, how much, when, and a decline's reason. */
function TransactionLine({ transaction }: { transaction: CardTransaction }) {
  const { t, i18n } = useTranslation('member', { keyPrefix: 'virtualCards.transactions' });
  const reason = useReasonText();
  const when = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(transaction.created_at));
  const sign = transaction.type === 'purchase' || transaction.type === 'fee' ? '−' : '+';
  return (
    <Group
      component="li"
      justify="space-between"
      gap="xs"
      wrap="wrap"
      align="flex-start"
      data-status={transaction.status}
    >
      <Stack gap={0} miw={0}>
        <Text fw={600}>
          {t(`types.${transaction.type}`)}
          {transaction.merchant ? ` · ${transaction.merchant}` : ''}
        </Text>
        <Text size="sm" c="dimmed">
          {when} · {t(`statuses.${transaction.status}`)}
        </Text>
        {transaction.status === 'declined' && (
          <Text size="sm" c="red.9">
            {t('declined', { reason: reason(transaction.decline_reason ?? 'declined') })}
          </Text>
        )}
      </Stack>
      <Text
        fw={600}
        td={transaction.status === 'approved' ? undefined : 'line-through'}
        style={{ whiteSpace: 'nowrap' }}
      >
        {sign}
        {formatMoney(transaction.amount, i18n.language)}
      </Text>
    </Group>
  );
}

/** The card's transactions, newest first, with filters and "show more" (keyset cursor). */
export function CardTransactions({ cardId, version }: { cardId: string; version: number }) {
  const { t } = useTranslation('member', { keyPrefix: 'virtualCards.transactions' });
  const { t: tId } = useTranslation('id');
  const member = useMember();
  const [filter, setFilter] = useState<CardTransactionsFilter>({});
  const [moreError, setMoreError] = useState<string>();
  const load = useCallback(
    async (after?: string) => {
      void version; // a new version (a top-up, a freeze) loads the list again
      const page = await member.virtualCards.transactions(cardId, {
        ...filter,
        ...(after ? { cursor: after } : {}),
      });
      return { ...page, next: page.next_cursor };
    },
    [member, cardId, filter, version],
  );
  const { state, reload, next, loadMore, loadingMore, itemsWith } = useKeysetPages(
    load,
    (page: CardTransactionPage & { next: string | null }) => page.items,
  );
  const set = (patch: CardTransactionsFilter) =>
    setFilter((previous) => ({ ...previous, ...patch }));
  const any = { value: '', label: t('any') };

  return (
    <HomeSection
      id="virtual-card-transactions"
      title={t('title')}
      failed={t('loadFailed')}
      lines={4}
      state={sectionState(state, reload)}
    >
      {(page) => {
        const all = itemsWith(page);
        return (
          <Stack gap="md">
            <Group gap="sm" align="flex-end" wrap="wrap">
              <TextInput
                type="date"
                label={t('from')}
                value={filter.from ?? ''}
                onChange={(event) => set({ from: event.currentTarget.value || undefined })}
                w={170}
              />
              <TextInput
                type="date"
                label={t('to')}
                value={filter.to ?? ''}
                onChange={(event) => set({ to: event.currentTarget.value || undefined })}
                w={170}
              />
              <NativeSelect
                label={t('type')}
                value={filter.type ?? ''}
                onChange={(event) =>
                  set({ type: (event.currentTarget.value || undefined) as CardTransaction['type'] })
                }
                data={[
                  any,
                  ...CARD_TRANSACTION_TYPES.map((type) => ({
                    value: type,
                    label: t(`types.${type}`),
                  })),
                ]}
                w={150}
              />
              <NativeSelect
                label={t('status')}
                value={filter.status ?? ''}
                onChange={(event) =>
                  set({
                    status: (event.currentTarget.value || undefined) as CardTransaction['status'],
                  })
                }
                data={[
                  any,
                  ...CARD_TRANSACTION_STATUSES.map((status) => ({
                    value: status,
                    label: t(`statuses.${status}`),
                  })),
                ]}
                w={150}
              />
            </Group>
            {all.length === 0 ? (
              <Text c="dimmed">{t('none')}</Text>
            ) : (
              <Stack component="ul" gap="md" p={0} m={0} style={LIST} aria-label={t('title')}>
                {all.map((transaction) => (
                  <TransactionLine key={transaction.transaction_id} transaction={transaction} />
                ))}
              </Stack>
            )}
            {next && (
              <Stack gap={4} align="flex-start">
                <Button
                  variant="default"
                  loading={loadingMore}
                  onClick={() => {
                    setMoreError(undefined);
                    loadMore().catch((error: unknown) =>
                      setMoreError(t('moreFailed', { reason: serverError(error, tId) })),
                    );
                  }}
                >
                  {t('more')}
                </Button>
                {moreError && (
                  <Text size="sm" c="red.9" role="alert">
                    {moreError}
                  </Text>
                )}
              </Stack>
            )}
          </Stack>
        );
      }}
    </HomeSection>
  );
}
