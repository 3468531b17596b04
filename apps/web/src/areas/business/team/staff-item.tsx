import { staffRoleSchema } from '@cardcoop/contracts';
import type { StaffMember, StaffRole } from '@cardcoop/contracts';
import { Badge, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../../id/common/format-date';
import { serverError } from '../../../components/server-error';
import { actionError } from '../../../components/step-up';

/**
 * One person on the staff: an owner changes the role of others (step-up) and removes them;
 * everyone may leave themself.
 */
export function StaffItem({
  person,
  manage,
  changeRole,
  onRemove,
  onLeave,
}: {
  person: StaffMember;
  manage: boolean;
  changeRole: (role: StaffRole) => Promise<unknown>;
  onRemove: () => void;
  onLeave: () => void;
}) {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const formatDate = useFormatDate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const change = async (value: string | null) => {
    const role = staffRoleSchema.safeParse(value);
    if (!role.success || role.data === person.role) return;
    setBusy(true);
    setError(undefined);
    try {
      await changeRole(role.data);
    } catch (failure) {
      setError(actionError(failure, (e) => serverError(e, tId)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper component="li" withBorder p="sm">
      <Group justify="space-between" gap="sm" align="flex-end">
        <Stack gap={2} miw={0}>
          <Group gap="xs">
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {person.email}
            </Text>
            {person.you && <Badge variant="light">{t('team.you')}</Badge>}
          </Group>
          <Text size="sm" c="dimmed">
            {t('team.since', { date: formatDate(person.joined_at) })}
          </Text>
        </Stack>
        <Group gap="xs" align="flex-end">
          {manage && !person.you ? (
            <Select
              label={t('team.roleOf', { name: person.email })}
              data={staffRoleSchema.options.map((value) => ({ value, label: t(`roles.${value}`) }))}
              value={person.role}
              onChange={(value) => void change(value)}
              allowDeselect={false}
              disabled={busy}
              w={180}
              error={error}
            />
          ) : (
            <Text size="sm">
              {t('team.role')}: {t(`roles.${person.role}`)}
            </Text>
          )}
          {person.you ? (
            <Button variant="default" color="red" onClick={onLeave}>
              {t('team.leave')}
            </Button>
          ) : (
            manage && (
              <Button
                variant="default"
                onClick={onRemove}
                aria-label={`${t('team.remove')}: ${person.email}`}
              >
                {t('team.remove')}
              </Button>
            )
          )}
        </Group>
      </Group>
    </Paper>
  );
}
