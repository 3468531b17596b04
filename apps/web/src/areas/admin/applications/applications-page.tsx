import type { ApplicationQueueItem } from '@cardcoop/contracts';
import { Anchor, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { SectionHeader } from '../admin-layout';
import { formatInstant } from '../format';
import { QueryState } from '../../../components/query-state';
import { usePlatform } from '../use-platform';
import { StatusBadge } from './status-badge';

const STATUSES = ['submitted', 'changes_requested', 'approved', 'rejected'] as const;
type QueueStatus = (typeof STATUSES)[number];
const isQueueStatus = (value: string | null): value is QueueStatus =>
  STATUSES.includes(value as QueueStatus);

/** `/admin/applications`: the operator's review queue, one status at a time (`?status=`). */
export function ApplicationsPage() {
  const { t } = useTranslation('admin');
  const { platform } = usePlatform();
  const [params, setParams] = useSearchParams();
  const wanted = params.get('status');
  const status: QueueStatus = isQueueStatus(wanted) ? wanted : 'submitted';
  const queue = useQuery({
    queryKey: ['admin', 'applications', status],
    queryFn: () => platform.applications.list({ status }),
  });
  return (
    <Stack gap="lg">
      <SectionHeader title={t('nav.applications')} lead={t('applications.lead')} />
      <NativeSelect
        label={t('applications.filter')}
        value={status}
        onChange={(event) => setParams({ status: event.currentTarget.value }, { replace: true })}
        data={STATUSES.map((value) => ({ value, label: t(`applications.status.${value}`) }))}
        maw={320}
      />
      <section aria-labelledby="admin-applications-list">
        <Title order={2} size="h3" id="admin-applications-list" mb="sm">
          {t(`applications.status.${status}`)}
        </Title>
        <QueryState query={queue}>
          {({ applications }) =>
            applications.length === 0 ? (
              <Text>{t('applications.empty')}</Text>
            ) : (
              <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
                {applications.map((item) => (
                  <QueueItem key={item.id} item={item} />
                ))}
              </Stack>
            )
          }
        </QueryState>
      </section>
    </Stack>
  );
}

function QueueItem({ item }: { item: ApplicationQueueItem }) {
  const { t, i18n } = useTranslation('admin');
  return (
    <Paper component="li" withBorder p="md">
      <Group justify="space-between" gap="sm">
        <Stack gap={4} miw={0}>
          <Anchor component={Link} to={`/admin/applications/${item.coopname}`} fw={600}>
            {item.full_name ?? item.display_name}
          </Anchor>
          <Text size="sm" c="dimmed">
            {item.coopname}
            {item.inn ? ` · ${t('applications.inn', { inn: item.inn })}` : ''}
          </Text>
          {item.submitted_at && (
            <Text size="sm">
              {t('applications.submittedAt', {
                at: formatInstant(item.submitted_at, i18n.language),
              })}
            </Text>
          )}
        </Stack>
        <StatusBadge status={item.status} />
      </Group>
    </Paper>
  );
}
