import type { WebhookDelivery, WebhookEndpoint } from '@cardcoop/contracts';
import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../../id/common/format-date';
import { serverError } from '../../../components/server-error';
import { QueryState } from '../../../components/query-state';
import { useWebhooksClient, useWebhooksKey } from './use-webhooks';

const PAGE = 20;
const STATE_COLOR = { pending: 'gray.8', delivered: 'teal.9', failed: 'red.9' } as const;

/**
 * An endpoint's deliveries, newest first, a page at a time ("Show more" follows the server's
 * cursor); managers send one again.
 */
export function DeliveryLog({
  coopname,
  endpoint,
  manage,
}: {
  coopname: string;
  endpoint: WebhookEndpoint;
  manage: boolean;
}) {
  const { t } = useTranslation('business');
  const client = useWebhooksClient();
  const queryKey = [...useWebhooksKey(coopname), 'deliveries', endpoint.id];
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) =>
      client.deliveries(coopname, endpoint.id, {
        limit: PAGE,
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const titleId = `deliveries-${endpoint.id}`;
  return (
    <Stack component="section" aria-labelledby={titleId} gap="sm">
      <Group justify="space-between" gap="xs">
        <Title order={3} size="h5" id={titleId} style={{ overflowWrap: 'anywhere' }}>
          {t('webhooks.deliveries.title', { url: endpoint.url })}
        </Title>
        <Button
          size="compact-sm"
          variant="default"
          onClick={() => void query.refetch()}
          loading={query.isRefetching}
        >
          {t('webhooks.deliveries.refresh')}
        </Button>
      </Group>
      <QueryState query={query} lines={2}>
        {({ pages }) => {
          const deliveries = pages.flatMap((page) => page.deliveries);
          if (deliveries.length === 0)
            return <Text size="sm">{t('webhooks.deliveries.empty')}</Text>;
          return (
            <Stack gap="xs">
              <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                {deliveries.map((delivery) => (
                  <DeliveryItem
                    key={delivery.id}
                    coopname={coopname}
                    delivery={delivery}
                    manage={manage}
                    onRedelivered={() => void query.refetch()}
                  />
                ))}
              </Stack>
              {query.hasNextPage && (
                <Button
                  variant="default"
                  size="compact-sm"
                  onClick={() => void query.fetchNextPage()}
                  loading={query.isFetchingNextPage}
                  style={{ alignSelf: 'flex-start' }}
                >
                  {t('webhooks.deliveries.more')}
                </Button>
              )}
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}

function DeliveryItem({
  coopname,
  delivery,
  manage,
  onRedelivered,
}: {
  coopname: string;
  delivery: WebhookDelivery;
  manage: boolean;
  onRedelivered: () => void;
}) {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const formatDate = useFormatDate();
  const client = useWebhooksClient();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ error: boolean; text?: string }>();
  const redeliver = async () => {
    setBusy(true);
    setNote(undefined);
    try {
      await client.redeliver(coopname, delivery.id);
      setNote({ error: false });
      onRedelivered();
    } catch (failure) {
      setNote({ error: true, text: serverError(failure, tId) });
    } finally {
      setBusy(false);
    }
  };
  const fact = (label: string, value: string | number | null) => (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {value ?? '—'}
      </Text>
    </div>
  );
  const when = (value: string | null) => (value ? formatDate(value) : null);
  return (
    <Paper component="li" withBorder p="sm" data-testid="webhook-delivery">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <Text fw={600} size="sm">
              {delivery.type}
            </Text>
            <Text size="sm" fw={700} c={STATE_COLOR[delivery.status]}>
              {t(`webhooks.deliveries.states.${delivery.status}`)}
            </Text>
          </Group>
          {manage && (
            <Button
              size="compact-sm"
              variant="default"
              loading={busy}
              onClick={() => void redeliver()}
              aria-label={`${t('webhooks.deliveries.redeliver')}: ${delivery.event_id}`}
            >
              {t('webhooks.deliveries.redeliver')}
            </Button>
          )}
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="xs">
          {fact(t('webhooks.deliveries.event'), delivery.event_id)}
          {fact(t('webhooks.deliveries.attempts'), delivery.attempts)}
          {fact(t('webhooks.deliveries.code'), delivery.last_status_code)}
          {fact(t('webhooks.deliveries.error'), delivery.last_error)}
          {fact(t('webhooks.deliveries.next'), when(delivery.next_attempt_at))}
          {fact(t('webhooks.deliveries.delivered'), when(delivery.delivered_at))}
        </SimpleGrid>
        <Text size="sm" role="status" c={note?.error ? 'red.8' : 'teal.9'}>
          {note ? (note.text ?? t('webhooks.deliveries.redelivered')) : ''}
        </Text>
      </Stack>
    </Paper>
  );
}
