import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SectionHeader } from './admin-layout';
import { formatDuration } from './format';
import { QueryState } from '../../components/query-state';
import { StatusTag } from './status-tag';
import { usePlatform } from './use-platform';

/** `/admin/overview`: the platform's health (database, cache, mail, job queue, version). */
export function OverviewPage() {
  const { t } = useTranslation('admin');
  const { platform } = usePlatform();
  const health = useQuery({ queryKey: ['admin', 'health'], queryFn: () => platform.health.get() });
  return (
    <Stack gap="lg">
      <SectionHeader title={t('nav.overview')} lead={t('overview.lead')} />
      <section aria-labelledby="admin-health">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h3" id="admin-health">
            {t('overview.health')}
          </Title>
          <Button
            size="xs"
            variant="default"
            loading={health.isFetching}
            onClick={() => void health.refetch()}
          >
            {t('refresh')}
          </Button>
        </Group>
        <QueryState query={health}>
          {(value) => (
            <Stack gap="md">
              <Group gap="sm">
                <StatusTag color={value.status === 'ok' ? 'green' : 'red'}>
                  {t(`overview.status.${value.status}`)}
                </StatusTag>
                <Text size="sm">{t('overview.version', { version: value.version })}</Text>
                <Text size="sm">
                  {t('overview.uptime', { time: formatDuration(value.uptime_seconds, t) })}
                </Text>
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
                {(['database', 'cache', 'mail'] as const).map((check) => {
                  const state = value.checks[check];
                  return (
                    <Paper key={check} withBorder p="md">
                      <Text fw={600}>{t(`overview.checks.${check}`)}</Text>
                      <Text c={state === 'down' ? 'var(--mantine-color-error)' : undefined}>
                        {t(`overview.state.${state}`)}
                      </Text>
                    </Paper>
                  );
                })}
                <Paper withBorder p="md">
                  <Text fw={600}>{t('overview.jobs')}</Text>
                  <Text size="sm">{t('overview.pending', { count: value.jobs.pending })}</Text>
                  <Text
                    size="sm"
                    c={value.jobs.failed > 0 ? 'var(--mantine-color-error)' : undefined}
                  >
                    {t('overview.failed', { count: value.jobs.failed })}
                  </Text>
                  <Text size="sm">
                    {t('overview.oldestDue', {
                      time: formatDuration(value.jobs.oldest_due_seconds, t),
                    })}
                  </Text>
                </Paper>
              </SimpleGrid>
            </Stack>
          )}
        </QueryState>
      </section>
    </Stack>
  );
}
