import type { PlatformRoleName, PlatformStaffMember } from '@cardcoop/contracts';
import {
  Alert,
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProgressNote } from '../id/auth/progress-note';
import { isNotFound } from './admin-error';
import { SectionHeader } from './admin-layout';
import { ConfirmDialog } from './dialogs';
import { formatInstant } from './format';
import { QueryState } from '../../components/query-state';
import { useStepUp } from './step-up';
import type { Guard } from '../../components/step-up';
import { useAction } from './use-action';
import { usePlatform } from './use-platform';

const KEY = ['admin', 'staff'];
const ROLES: readonly PlatformRoleName[] = ['operator_reviewer', 'platform_admin'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `/admin/staff`: the platform's staff; a role given (by e-mail) or taken, with step-up. */
export function StaffPage() {
  const { t } = useTranslation('admin');
  const { platform } = usePlatform();
  const { guard, dialog } = useStepUp();
  const staff = useQuery({ queryKey: KEY, queryFn: () => platform.staff.list() });
  return (
    <Stack gap="lg">
      <SectionHeader title={t('nav.staff')} lead={t('staff.lead')} />
      <section aria-labelledby="admin-staff-list">
        <Title order={2} size="h3" id="admin-staff-list" mb="sm">
          {t('staff.list')}
        </Title>
        <QueryState query={staff}>
          {(list) =>
            list.length === 0 ? (
              <Text>{t('staff.empty')}</Text>
            ) : (
              <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
                {list.map((member) => (
                  <StaffItem key={member.user_id} member={member} guard={guard} />
                ))}
              </Stack>
            )
          }
        </QueryState>
      </section>
      <GrantRole guard={guard} />
      {dialog}
    </Stack>
  );
}

function StaffItem({ member, guard }: { member: PlatformStaffMember; guard: Guard }) {
  const { t, i18n } = useTranslation('admin');
  const { platform } = usePlatform();
  const queries = useQueryClient();
  const [removing, setRemoving] = useState(false);
  return (
    <Paper component="li" withBorder p="sm">
      <Group justify="space-between" gap="sm">
        <Stack gap={2} miw={0}>
          <Text fw={600}>{t(`roles.${member.role}`)}</Text>
          <Anchor
            component={Link}
            to={`/admin/users/${member.user_id}`}
            size="sm"
            style={{ overflowWrap: 'anywhere' }}
          >
            {member.user_id}
          </Anchor>
          <Text size="sm">
            {t('staff.since', { at: formatInstant(member.created_at, i18n.language) })}
          </Text>
        </Stack>
        <Button size="xs" variant="default" color="red" onClick={() => setRemoving(true)}>
          {t('staff.remove')}
        </Button>
      </Group>
      <ConfirmDialog
        opened={removing}
        title={t('staff.removeTitle')}
        text={t('staff.removeText', { id: member.user_id })}
        confirmLabel={t('staff.remove')}
        onConfirm={async () => {
          await guard(() => platform.staff.remove(member.user_id));
          await queries.invalidateQueries({ queryKey: KEY });
        }}
        onClose={() => setRemoving(false)}
      />
    </Paper>
  );
}

function GrantRole({ guard }: { guard: Guard }) {
  const { t } = useTranslation('admin');
  const { platform } = usePlatform();
  const queries = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<PlatformRoleName>('operator_reviewer');
  const [emailError, setEmailError] = useState<string>();
  const [granted, setGranted] = useState(false);
  const grant = useAction(async (address: string) => {
    const user = await platform.users.find(address).catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    });
    if (!user) return false;
    await guard(() => platform.staff.set(user.user_id, role));
    await queries.invalidateQueries({ queryKey: KEY });
    return true;
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setGranted(false);
    const address = email.trim();
    if (!EMAIL.test(address)) {
      setEmailError(t('users.emailInvalid'));
      return;
    }
    const done = await grant.run(address);
    setEmailError(done?.value === false ? t('users.notFound') : undefined);
    if (done?.value) {
      setGranted(true);
      setEmail('');
    }
  };
  return (
    <section aria-labelledby="admin-staff-grant">
      <Title order={2} size="h3" id="admin-staff-grant" mb="xs">
        {t('staff.grant')}
      </Title>
      <Text size="sm" mb="sm">
        {t('staff.grantLead')}
      </Text>
      <Paper withBorder p="md">
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="sm" maw={520}>
            <TextInput
              label={t('users.email')}
              type="email"
              autoComplete="off"
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={emailError ?? grant.error}
              required
            />
            <NativeSelect
              label={t('staff.role')}
              value={role}
              onChange={(event) => setRole(event.currentTarget.value as PlatformRoleName)}
              data={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
            />
            <Group>
              <Button type="submit" loading={grant.busy}>
                {t('staff.grant')}
              </Button>
            </Group>
            <ProgressNote text={grant.busy ? t('staff.granting') : undefined} />
            {granted && (
              <Alert color="green" role="status">
                {t('staff.granted')}
              </Alert>
            )}
          </Stack>
        </form>
      </Paper>
    </section>
  );
}
