import { Badge, Code, DataList, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { CoopAccount } from '@cardcoop/sdk';
import { useTranslation } from 'react-i18next';
import { PublicKey } from './public-key';
import { useFocusOnMount } from './use-focus-on-mount';

/** The member's account in one cooperative, and where the membership stands. */
export function AccountItem({ account, focus }: { account: CoopAccount; focus: boolean }) {
  const { t } = useTranslation('id');
  const heading = useFocusOnMount<HTMLHeadingElement>(focus);
  const confirmed = account.membership === 'confirmed';
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="li">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={0}>
            <Title order={3} size="h4" ref={heading} tabIndex={-1}>
              {account.displayName}
            </Title>
            <Text size="sm" c="dimmed">
              {account.coopname}
            </Text>
          </Stack>
          <Badge color={confirmed ? 'green' : 'gray'} variant="light">
            {t(`card.accounts.membership.${account.membership}`)}
          </Badge>
        </Group>
        <Text size="sm">{t(`card.accounts.membership.${account.membership}Text`)}</Text>
        <DataList orientation="vertical" gap="xs">
          <DataList.Item>
            <DataList.ItemLabel>{t('card.accounts.username')}</DataList.ItemLabel>
            <DataList.ItemValue>
              <Code>{account.username}</Code>
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('card.accounts.publicKey')}</DataList.ItemLabel>
            <DataList.ItemValue>
              <PublicKey value={account.publicKey} />
            </DataList.ItemValue>
          </DataList.Item>
        </DataList>
      </Stack>
    </Paper>
  );
}
