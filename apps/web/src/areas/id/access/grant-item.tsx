import { Button, DataList, Group, Paper, Stack, Title, useMatches } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../common/format-date';
import type { Grant } from './use-grants';

/** Who holds the member's data: since when, under which account, how often they read it. */
export function GrantItem({ grant, onRevoke }: { grant: Grant; onRevoke: () => void }) {
  const { t } = useTranslation('id');
  const formatDate = useFormatDate();
  const cooperative = grant.display_name;
  // Label and value side by side from tablets up; stacked on a phone.
  const orientation = useMatches({ base: 'vertical', sm: 'horizontal' } as const);
  return (
    <Paper component="li" withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h4" style={{ overflowWrap: 'anywhere' }}>
          {cooperative}
        </Title>
        <DataList gap="xs" labelWidth="16rem" orientation={orientation}>
          <DataList.Item>
            <DataList.ItemLabel>{t('access.page.sharedAt')}</DataList.ItemLabel>
            <DataList.ItemValue>{formatDate(grant.shared_at)}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('access.page.lastRead')}</DataList.ItemLabel>
            <DataList.ItemValue>
              {grant.last_read_at ? formatDate(grant.last_read_at) : t('access.page.neverRead')}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('access.page.reads')}</DataList.ItemLabel>
            <DataList.ItemValue>{grant.read_count}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('access.page.account')}</DataList.ItemLabel>
            <DataList.ItemValue>
              {grant.username} · {grant.coopname}
            </DataList.ItemValue>
          </DataList.Item>
        </DataList>
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
      </Stack>
    </Paper>
  );
}
