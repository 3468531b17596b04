import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
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
  const registry = useQuery({
    queryKey: REGISTRY_KEY,
    queryFn: () => platform.cooperatives.list(),
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
          )
        }
      </QueryState>
      <CreateDialog opened={creating} onClose={() => setCreating(false)} />
    </section>
  );
}
