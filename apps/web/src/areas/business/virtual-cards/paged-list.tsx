import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { InfiniteData, QueryKey, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/query-state';
import type { ru } from './messages';

/** Rows a page the virtual-card lists ask for. */
const PAGE_SIZE = 25;

/**
 * A list read page by page through the server's cursor: `fetchPage` gets the cursor (none for
 * the first page) and the page size; the next page is there while the server gives a cursor.
 */
export function useCursorPages<Page extends { next_cursor?: string | null }>(
  queryKey: QueryKey,
  fetchPage: (page: { cursor?: string; limit: number }) => Promise<Page>,
) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) =>
      fetchPage({ ...(pageParam ? { cursor: pageParam } : {}), limit: PAGE_SIZE }),
    initialPageParam: '',
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });
}

/**
 * The items of every page read so far (a placeholder while loading, the failure with a retry),
 * `empty` when there are none, and a "more" button while another page is there.
 */
export function PagedItems<Item>({
  query,
  empty,
  more,
  children,
}: {
  query: UseInfiniteQueryResult<InfiniteData<{ items: Item[] }, unknown>>;
  empty: string;
  more: string;
  children: (items: Item[]) => ReactNode;
}) {
  return (
    <QueryState query={query}>
      {(data) => {
        const items = data.pages.flatMap((page) => page.items);
        if (items.length === 0) return <Text size="sm">{empty}</Text>;
        return (
          <Stack gap="xs">
            {children(items)}
            {query.hasNextPage && (
              <Group>
                <Button
                  variant="default"
                  loading={query.isFetchingNextPage}
                  onClick={() => void query.fetchNextPage()}
                >
                  {more}
                </Button>
              </Group>
            )}
          </Stack>
        );
      }}
    </QueryState>
  );
}

/** A status filter: "all" (the empty value) and then each status by its name. */
export function StatusSelect<Status extends keyof typeof ru.statusName>({
  label,
  allLabel,
  statuses,
  value,
  onChange,
  width,
}: {
  label: string;
  allLabel: string;
  statuses: readonly Status[];
  value: Status | '';
  onChange: (value: Status | '') => void;
  width: number;
}) {
  const { t } = useTranslation('business');
  return (
    <NativeSelect
      label={label}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value as Status | '')}
      data={[
        { value: '', label: allLabel },
        ...statuses.map((status) => ({
          value: status,
          label: t(`virtualCards.statusName.${status}`),
        })),
      ]}
      w={{ base: '100%', xs: width }}
    />
  );
}
