import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Tag } from './tag';
import type { LiveCounts } from './use-live-stats';

const KINDS = ['consent', 'read', 'revoke'] as const;

/**
 * What happened since the page opened, as the real-time channel tells it: a "live" mark and a
 * counter per kind, announced politely as they move.
 */
export function LiveCounters({ counts, last }: { counts: LiveCounts; last?: Date }) {
  const { t, i18n } = useTranslation('business');
  return (
    <Paper component="section" aria-labelledby="stats-live" withBorder p={{ base: 'sm', sm: 'md' }}>
      <Group justify="space-between" gap="xs" mb="xs">
        <Title order={2} size="h4" id="stats-live">
          {t('stats.live.title')}
        </Title>
        <Tag color="teal.9">● {t('stats.live.badge')}</Tag>
      </Group>
      <Text size="sm" mb="sm">
        {t('stats.live.lead')}
      </Text>
      <SimpleGrid cols={3} spacing="xs" aria-live="polite" data-testid="stats-live-counters">
        {KINDS.map((kind) => (
          <Stack key={kind} gap={0}>
            <Text fz={28} fw={700} data-testid={`live-${kind}`}>
              {counts[kind]}
            </Text>
            <Text size="sm">{t(`stats.live.${kind}`)}</Text>
          </Stack>
        ))}
      </SimpleGrid>
      {last && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('stats.live.last', {
            time: last.toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'ru-RU'),
          })}
        </Text>
      )}
    </Paper>
  );
}
