import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/query-state';
import type { Guard } from '../../../components/step-up';
import { usePlatform } from '../use-platform';
import { CreateDialog } from './create-dialog';
import { REGISTRY_KEY } from './registry-key';
import { RegistryItem } from './registry-item';
import type { Told } from './told';

/** The registry of cooperatives: a new one registered, each one edited, suspended, rotated. */
export function RegistrySection({
  guard,
  onDone,
}: {
  guard: Guard;
  onDone: (message: Told) => void;
}) {
  const { t } = useTranslation('admin');
  const { platform } = usePlatform();
  const [creating, setCreating] = useState(false);
  // By coopname, a page at a time; a change anywhere reloads the pages read so far.
  const registry = useInfiniteQuery({
    queryKey: REGISTRY_KEY,
    queryFn: ({ pageParam }) => platform.cooperatives.page(pageParam ? { cursor: pageParam } : {}),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.cooperatives),
  });
  return (
    <section aria-labelledby="admin-registry">
      <Group justify="space-between" gap="sm" mb="sm">
        <Title order={2} size="h3" id="admin-registry">
          {t('cooperatives.registry')}
        </Title>
        <Button onClick={() => setCreating(true)}>{t('cooperatives.add')}</Button>
      </Group>
      <QueryState query={registry}>
        {(list) =>
          list.length === 0 ? (
            <Text>{t('cooperatives.registryEmpty')}</Text>
          ) : (
            <Stack gap="sm">
              <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
                {list.map((cooperative) => (
                  <RegistryItem
                    key={cooperative.coopname}
                    cooperative={cooperative}
                    guard={guard}
                    onDone={onDone}
                  />
                ))}
              </Stack>
              {registry.hasNextPage && (
                <Button
                  variant="default"
                  loading={registry.isFetchingNextPage}
                  onClick={() => void registry.fetchNextPage()}
                  style={{ alignSelf: 'flex-start' }}
                >
                  {t('loadMore')}
                </Button>
              )}
            </Stack>
          )
        }
      </QueryState>
      <CreateDialog opened={creating} onClose={() => setCreating(false)} />
    </section>
  );
}
