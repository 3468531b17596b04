import type { BusinessVirtualCardsQuery } from '@cardcoop/contracts';
import type { BusinessClient } from '@cardcoop/sdk/business';
import { Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/query-state';
import { formatInstant, formatMoney } from '../../../lib/minor-units';
import { ScrollTable } from './scroll-table';

type CardStatus = NonNullable<BusinessVirtualCardsQuery['status']>;

/** The cooperative's cards, newest first: username, last 4 digits, status, balance; "more". */
export function CardsSection({ client, coopname }: { client: BusinessClient; coopname: string }) {
  const { t, i18n } = useTranslation('business');
  const [status, setStatus] = useState<CardStatus | ''>('');
  const cards = useInfiniteQuery({
    queryKey: ['business', coopname, 'virtual-cards', 'cards', status],
    queryFn: ({ pageParam }) =>
      client.virtualCards.cards(coopname, {
        ...(status ? { status } : {}),
        ...(pageParam ? { cursor: pageParam } : {}),
        limit: 25,
      }),
    initialPageParam: '',
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
  return (
    <Paper component="section" aria-labelledby="vc-cards" withBorder p={{ base: 'sm', sm: 'md' }}>
      <Stack gap="sm">
        <Stack gap="xs">
          <Title order={2} size="h4" id="vc-cards">
            {t('virtualCards.cards.title')}
          </Title>
          <NativeSelect
            label={t('virtualCards.cards.filter')}
            value={status}
            onChange={(event) => setStatus(event.currentTarget.value as CardStatus | '')}
            data={[
              { value: '', label: t('virtualCards.cards.all') },
              ...(['active', 'frozen', 'closed'] as const).map((value) => ({
                value,
                label: t(`virtualCards.statusName.${value}`),
              })),
            ]}
            w={{ base: '100%', xs: 200 }}
          />
        </Stack>
        <QueryState query={cards}>
          {(data) => {
            const items = data.pages.flatMap((page) => page.items);
            if (items.length === 0) return <Text size="sm">{t('virtualCards.cards.empty')}</Text>;
            return (
              <Stack gap="xs">
                <ScrollTable caption={t('virtualCards.cards.title')} testId="vc-cards-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('virtualCards.cards.username')}</Table.Th>
                      <Table.Th scope="col">{t('virtualCards.cards.card')}</Table.Th>
                      <Table.Th scope="col">{t('virtualCards.cards.status')}</Table.Th>
                      <Table.Th scope="col">{t('virtualCards.cards.balance')}</Table.Th>
                      <Table.Th scope="col">{t('virtualCards.cards.issued')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((card) => (
                      <Table.Tr key={card.card_id}>
                        <Table.Td>{card.username}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>•••• {card.last4}</Table.Td>
                        <Table.Td>{t(`virtualCards.statusName.${card.status}`)}</Table.Td>
                        <Table.Td>
                          {formatMoney(card.balance.amount, card.balance.currency, i18n.language)}
                        </Table.Td>
                        <Table.Td>{formatInstant(card.issued_at, i18n.language)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </ScrollTable>
                {cards.hasNextPage && (
                  <Group>
                    <Button
                      variant="default"
                      loading={cards.isFetchingNextPage}
                      onClick={() => void cards.fetchNextPage()}
                    >
                      {t('virtualCards.cards.more')}
                    </Button>
                  </Group>
                )}
              </Stack>
            );
          }}
        </QueryState>
      </Stack>
    </Paper>
  );
}
