import type { AdminAuditEvent, AdminAuditPage } from '@cardcoop/contracts';
import { Anchor, Button, Code, Paper, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatInstant } from '../format';
import { QueryState } from '../../../components/query-state';

/**
 * Audit events, newest first, a keyset page at a time (`next_cursor`): `load(cursor)` fetches
 * one page; `queryKey` names the filter, so a new filter starts from the first page.
 */
export function AuditEvents({
  queryKey,
  load,
  showSubject = true,
}: {
  queryKey: readonly unknown[];
  load: (cursor?: string) => Promise<AdminAuditPage>;
  showSubject?: boolean;
}) {
  const { t } = useTranslation('admin');
  const pages = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => load(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
  return (
    <QueryState query={pages}>
      {(data) => {
        const events = data.pages.flatMap((page) => page.events);
        if (events.length === 0) return <Text>{t('audit.empty')}</Text>;
        return (
          <Stack gap="sm">
            <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
              {events.map((event) => (
                <EventItem key={event.id} event={event} showSubject={showSubject} />
              ))}
            </Stack>
            {pages.hasNextPage && (
              <Button
                variant="default"
                loading={pages.isFetchingNextPage}
                onClick={() => void pages.fetchNextPage()}
                style={{ alignSelf: 'flex-start' }}
              >
                {t('loadMore')}
              </Button>
            )}
          </Stack>
        );
      }}
    </QueryState>
  );
}

function EventItem({ event, showSubject }: { event: AdminAuditEvent; showSubject: boolean }) {
  const { t, i18n } = useTranslation('admin');
  const data = Object.entries(event.data);
  return (
    <Paper component="li" withBorder p="sm">
      <Stack gap={2}>
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {event.type}
        </Text>
        <Text size="sm">
          {formatInstant(event.at, i18n.language)} ·{' '}
          {t('audit.eventNumber', { id: event.id, seq: event.seq })}
        </Text>
        {showSubject && (
          <Anchor
            component={Link}
            to={`/admin/users/${event.subject_id}`}
            size="sm"
            style={{ overflowWrap: 'anywhere' }}
          >
            {t('audit.subject', { id: event.subject_id })}
          </Anchor>
        )}
        {data.length > 0 && (
          <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {data.map(([key, value]) => `${key}: ${String(value)}`).join('\n')}
          </Code>
        )}
      </Stack>
    </Paper>
  );
}
