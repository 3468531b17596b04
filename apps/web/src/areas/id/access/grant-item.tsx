import { Badge, Button, DataList, Group, Paper, Stack, Title, useMatches } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../common/format-date';
import { useFieldText } from './field-text';
import type { Grant } from './use-grants';

/**
 * Who holds (or held) the member's data: which fields, since when, under which account, how
 * often they read it. A revoked grant stays as history, with its dates and no action.
 */
export function GrantItem({ grant, onRevoke }: { grant: Grant; onRevoke: () => void }) {
  const { t } = useTranslation('id');
  const formatDate = useFormatDate();
  const text = useFieldText();
  const cooperative = grant.display_name;
  // Label and value side by side from tablets up; stacked on a phone.
  const orientation = useMatches({ base: 'vertical', sm: 'horizontal' } as const);
  const revoked = grant.revoked_at;
  const rows: [label: string, value: string][] = [
    [
      t('access.page.fields'),
      grant.fields.length > 0
        ? grant.fields.map(text.label).join(', ')
        : t('access.page.notRecorded'),
    ],
    [t('access.page.sharedAt'), formatDate(grant.shared_at)],
    ...(revoked ? [[t('access.page.revokedAt'), formatDate(revoked)] as [string, string]] : []),
    [
      t('access.page.lastRead'),
      grant.last_read_at ? formatDate(grant.last_read_at) : t('access.page.neverRead'),
    ],
    [t('access.page.reads'), String(grant.read_count)],
    [t('access.page.account'), `${grant.username} · ${grant.coopname}`],
  ];
  return (
    <Paper component="li" withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={3} size="h4" style={{ overflowWrap: 'anywhere' }}>
            {cooperative}
          </Title>
          {revoked && (
            <Badge color="gray" variant="light">
              {t('access.page.revokedBadge')}
            </Badge>
          )}
        </Group>
        <DataList gap="xs" labelWidth="16rem" orientation={orientation}>
          {rows.map(([label, value]) => (
            <DataList.Item key={label}>
              <DataList.ItemLabel>{label}</DataList.ItemLabel>
              <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{value}</DataList.ItemValue>
            </DataList.Item>
          ))}
        </DataList>
        {!revoked && (
          <Group>
            <Button
              variant="light"
              color="red"
              onClick={onRevoke}
              aria-label={t('access.page.revokeNamed', { cooperative })}
            >
              {t('access.page.revoke')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
