import { Badge, Button, Code, DataList, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { CooperativeBalances } from '@cardcoop/contracts';
import type { CoopAccount } from '@cardcoop/sdk';
import { useTranslation } from 'react-i18next';
import { SUCCESS } from '../common/colors';
import { useFormatDate } from '../common/format-date';
import { AccountBalances } from './account-balances';
import { PublicKey } from './public-key';
import { useFocusOnMount } from './use-focus-on-mount';

interface AccountItemProps {
  account: CoopAccount;
  /** The account's funds, when its membership is confirmed (the cooperative pushes them). */
  balances: CooperativeBalances | undefined;
  /** Just opened or closed by the member: its heading takes the focus. */
  focus: boolean;
  onClose: () => void;
}

/**
 * Where "Open" leads (ADR 018): the cooperative's registered entry page, marked as coming from
 * card.coop; that page asks card.coop for a fresh ticket with `prompt=none`.
 */
function entryHref(entryUrl: string): string {
  const url = new URL(entryUrl);
  url.searchParams.set('cardcoop', '1');
  return url.toString();
}

/**
 * The member's account in one cooperative, and where the membership stands; an open one can be
 * opened on the cooperative's site (when it registered an entry page) and closed. A closed one
 * stays listed with its date, its key no longer offered.
 */
export function AccountItem({ account, balances, focus, onClose }: AccountItemProps) {
  const { t } = useTranslation('id');
  const formatDate = useFormatDate();
  const heading = useFocusOnMount<HTMLHeadingElement>(focus);
  const confirmed = account.membership === 'confirmed';
  const closedAt = account.closedAt;
  const name = account.displayName;
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="li">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={0}>
            <Title order={3} size="h4" ref={heading} tabIndex={-1}>
              {name}
            </Title>
            <Text size="sm" c="dimmed">
              {account.coopname}
            </Text>
          </Stack>
          {closedAt ? (
            <Badge color="gray" variant="light">
              {t('access.accounts.closedBadge')}
            </Badge>
          ) : (
            <Badge color={confirmed ? SUCCESS : 'gray'} variant={confirmed ? 'filled' : 'light'}>
              {t(`card.accounts.membership.${account.membership}`)}
            </Badge>
          )}
        </Group>
        <Text size="sm">
          {closedAt
            ? t('access.accounts.closedText')
            : t(`card.accounts.membership.${account.membership}Text`)}
        </Text>
        <DataList orientation="vertical" gap="xs">
          <DataList.Item>
            <DataList.ItemLabel>{t('card.accounts.username')}</DataList.ItemLabel>
            <DataList.ItemValue>
              <Code>{account.username}</Code>
            </DataList.ItemValue>
          </DataList.Item>
          {closedAt ? (
            <DataList.Item>
              <DataList.ItemLabel>{t('access.accounts.closedAt')}</DataList.ItemLabel>
              <DataList.ItemValue>{formatDate(closedAt)}</DataList.ItemValue>
            </DataList.Item>
          ) : (
            <DataList.Item>
              <DataList.ItemLabel>{t('card.accounts.publicKey')}</DataList.ItemLabel>
              <DataList.ItemValue>
                <PublicKey value={account.publicKey} />
              </DataList.ItemValue>
            </DataList.Item>
          )}
          {balances && !closedAt && <AccountBalances balances={balances} />}
        </DataList>
        {!closedAt && (
          <Group>
            {account.entryUrl && (
              <Button
                component="a"
                href={entryHref(account.entryUrl)}
                aria-label={t('access.accounts.openNamed', { name })}
              >
                {t('access.accounts.open')}
              </Button>
            )}
            <Button
              variant="light"
              color="red"
              onClick={onClose}
              aria-label={t('access.accounts.closeNamed', { name })}
            >
              {t('access.accounts.close')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
