import type { BusinessVirtualCardsQuery } from '@cardcoop/contracts';
import type { BusinessClient } from '@cardcoop/sdk/business';
import { Paper, Stack, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant, formatMoney } from '../../../lib/minor-units';
import { PagedItems, StatusSelect, useCursorPages } from './paged-list';
import { ScrollTable } from './scroll-table';

type CardStatus = NonNullable<BusinessVirtualCardsQuery['status']>;
const CARD_STATUSES = ['active', 'frozen', 'closed'] as const;

/** The cooperative's cards, newest first: username, last 4 digits, status, balance; "more". */
export function CardsSection({ client, coopname }: { client: BusinessClient; coopname: string }) {
  const { t, i18n } = useTranslation('business');
  const [status, setStatus] = useState<CardStatus | ''>('');
  const cards = useCursorPages(['business', coopname, 'virtual-cards', 'cards', status], (page) =>
    client.virtualCards.cards(coopname, { ...(status ? { status } : {}), ...page }),
  );
  return (
    <Paper component="section" aria-labelledby="vc-cards" withBorder p={{ base: 'sm', sm: 'md' }}>
      <Stack gap="sm">
        <Stack gap="xs">
          <Title order={2} size="h4" id="vc-cards">
            {t('virtualCards.cards.title')}
          </Title>
          <StatusSelect
            label={t('virtualCards.cards.filter')}
            allLabel={t('virtualCards.cards.all')}
            statuses={CARD_STATUSES}
            value={status}
            onChange={setStatus}
            width={200}
          />
        </Stack>
        <PagedItems
          query={cards}
          empty={t('virtualCards.cards.empty')}
          more={t('virtualCards.cards.more')}
        >
          {(items) => (
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
          )}
        </PagedItems>
      </Stack>
    </Paper>
  );
}
