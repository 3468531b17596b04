import type { BusinessMember } from '@cardcoop/contracts';
import { Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from './format';
import { useFieldText } from '../../id/access/field-text';
import { serverError } from '../../../components/server-error';
import { Tag } from '../stats/tag';
import { useMembershipChange } from './use-members';

const MEMBERSHIP_COLORS = { applicant: 'indigo.9', confirmed: 'teal.9', ended: 'gray.8' };

/**
 * One member who shared with the cooperative: username, account and membership, the fields
 * shared (named as the card names them), dates and reads; confirm or end for those who may
 * change (ending asks first), the failure under the buttons.
 */
export function MemberItem({
  coopname,
  member,
  canChange,
}: {
  coopname: string;
  member: BusinessMember;
  canChange: boolean;
}) {
  const { t, i18n } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const text = useFieldText();
  const change = useMembershipChange(coopname);
  const [asking, setAsking] = useState(false);
  const date = (iso: string) => formatDateTime(iso, i18n.language);
  const run = (action: 'confirm' | 'end') =>
    change.mutate({ username: member.username, action }, { onSettled: () => setAsking(false) });
  const open = member.account_status === 'open' && member.revoked_at === null;
  const id = `member-${member.username}`;
  return (
    <Paper component="li" withBorder p="sm" aria-labelledby={id} data-testid={id}>
      <Stack gap={6}>
        <Group gap="xs" justify="space-between">
          <Text fw={700} id={id}>
            {member.username}
          </Text>
          <Group gap={6}>
            <Tag color={MEMBERSHIP_COLORS[member.membership]}>
              {t(`members.membership.${member.membership}`)}
            </Tag>
            <Tag color={member.account_status === 'open' ? 'blue.9' : 'gray.8'}>
              {t(`members.account.${member.account_status}`)}
            </Tag>
            {member.revoked_at && <Tag color="red.9">{t('members.revoked')}</Tag>}
          </Group>
        </Group>
        <Text size="sm">
          {t('members.fields')}:{' '}
          {member.fields.length > 0
            ? member.fields.map(text.label).join(', ')
            : t('members.noFields')}
        </Text>
        <Text size="sm" c="dimmed">
          {[
            t('members.granted', { date: date(member.granted_at) }),
            member.last_read_at
              ? t('members.read', { date: date(member.last_read_at), count: member.read_count })
              : t('members.notRead'),
            member.revoked_at ? t('members.revokedAt', { date: date(member.revoked_at) }) : '',
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        {canChange && (
          <Group gap="xs">
            {member.membership !== 'confirmed' && open && (
              <Button
                size="compact-sm"
                onClick={() => run('confirm')}
                loading={change.isPending}
                aria-label={t('members.confirmOf', { username: member.username })}
              >
                {t('members.confirm')}
              </Button>
            )}
            {member.membership === 'confirmed' && (
              <Button
                size="compact-sm"
                variant="default"
                color="red"
                onClick={() => setAsking(true)}
                loading={change.isPending}
                aria-label={t('members.endOf', { username: member.username })}
              >
                {t('members.end')}
              </Button>
            )}
          </Group>
        )}
        {change.isError && (
          <Text size="sm" c="red.8" role="alert">
            {serverError(change.error, tId)}
          </Text>
        )}
      </Stack>
      <Modal
        opened={asking}
        onClose={() => !change.isPending && setAsking(false)}
        title={t('members.endTitle')}
        closeButtonProps={{ 'aria-label': t('cancel') }}
        centered
      >
        <Stack>
          <Text size="sm">{t('members.endText', { username: member.username })}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setAsking(false)} disabled={change.isPending}>
              {t('cancel')}
            </Button>
            <Button color="red" onClick={() => run('end')} loading={change.isPending}>
              {t('members.end')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
