import type { AdminUser } from '@cardcoop/contracts';
import { Alert, Anchor, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { FormError } from '../../id/auth/form-error';
import { ProgressNote } from '../../id/auth/progress-note';
import { AuditEvents } from '../audit/audit-events';
import { ReasonDialog } from '../dialogs';
import { formatInstant, saveFile } from '../format';
import { QueryState } from '../../../components/query-state';
import { StatusTag } from '../status-tag';
import { useStepUp } from '../step-up';
import { useAction } from '../use-action';
import { usePlatform } from '../use-platform';

const STATUS_COLORS = { active: 'green', locked: 'red', deletion_pending: 'orange' } as const;

/** `/admin/users/:userId`: the member's card, the actions on it and their audit events. */
export function UserPage() {
  const { t } = useTranslation('admin');
  const { userId = '' } = useParams();
  const { platform } = usePlatform();
  usePageTitle(t('users.card'));
  const user = useQuery({
    queryKey: ['admin', 'user', userId],
    queryFn: () => platform.users.get(userId),
  });
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/admin/users" size="sm">
        ← {t('users.back')}
      </Anchor>
      <Title order={1}>{t('users.card')}</Title>
      <QueryState query={user}>
        {(value) => (
          <>
            <UserCard user={value} />
            <UserActions user={value} />
          </>
        )}
      </QueryState>
      <section aria-labelledby="admin-user-events">
        <Title order={2} size="h3" id="admin-user-events" mb="sm">
          {t('users.events')}
        </Title>
        <AuditEvents
          queryKey={['admin', 'user-audit', userId]}
          load={(cursor) => platform.users.audit(userId, cursor ? { cursor } : {})}
          showSubject={false}
        />
      </section>
    </Stack>
  );
}

function UserCard({ user }: { user: AdminUser }) {
  const { t, i18n } = useTranslation('admin');
  const at = (iso: string | null, empty = t('none')) =>
    iso ? formatInstant(iso, i18n.language) : empty;
  const rows: [string, React.ReactNode][] = [
    [t('users.id'), user.user_id],
    [
      t('users.status'),
      <StatusTag key="status" color={STATUS_COLORS[user.status]}>
        {t(`users.statuses.${user.status}`)}
      </StatusTag>,
    ],
    [t('users.twoFactor'), t(user.totp_enabled ? 'users.twoFactorOn' : 'users.twoFactorOff')],
    [t('users.sessions'), String(user.sessions)],
    [t('users.lastSignIn'), at(user.last_sign_in_at, t('users.never'))],
    [t('users.created'), at(user.created_at)],
  ];
  if (user.locked_at) rows.push([t('users.lockedAt'), at(user.locked_at)]);
  if (user.deletion_due_at) rows.push([t('users.deletionDue'), at(user.deletion_due_at)]);
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="sm" m={0}>
      {rows.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="sm" c="dimmed">
            {label}
          </Text>
          <Text component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

function UserActions({ user }: { user: AdminUser }) {
  const { t } = useTranslation('admin');
  const { platform } = usePlatform();
  const queries = useQueryClient();
  const { guard, dialog } = useStepUp();
  const [locking, setLocking] = useState(false);
  // A thunk: the notice follows a language switch.
  const [done, setDone] = useState<() => string>();
  const id = user.user_id;
  const changed = async (next: AdminUser, message: () => string) => {
    queries.setQueryData(['admin', 'user', id], next);
    await queries.invalidateQueries({ queryKey: ['admin', 'user-audit', id] });
    setDone(() => message);
  };
  const unlock = useAction(async () =>
    changed(await platform.users.unlock(id), () => t('users.unlocked')),
  );
  const endSessions = useAction(async () => {
    const ended = await platform.users.endSessions(id);
    await changed({ ...user, sessions: 0 }, () => t('users.sessionsEnded', { count: ended }));
    await queries.invalidateQueries({ queryKey: ['admin', 'user', id] });
  });
  const exportData = useAction(async () => {
    const records = await guard(() => platform.users.export(id));
    const name = `cardcoop-export-${id}.json`;
    saveFile(name, JSON.stringify(records, null, 2), 'application/json');
    setDone(() => () => t('users.exported', { name }));
  });
  const error = unlock.error ?? endSessions.error ?? exportData.error;
  return (
    <section aria-labelledby="admin-user-actions">
      <Title order={2} size="h3" id="admin-user-actions" mb="sm">
        {t('users.actions')}
      </Title>
      <Stack gap="sm">
        {done && (
          <Alert color="green" role="status">
            {done()}
          </Alert>
        )}
        <Group gap="sm">
          {user.status === 'locked' ? (
            <Button loading={unlock.busy} onClick={() => void unlock.run()}>
              {t('users.unlock')}
            </Button>
          ) : (
            <Button color="red" onClick={() => setLocking(true)}>
              {t('users.lock')}
            </Button>
          )}
          <Button
            variant="default"
            loading={endSessions.busy}
            disabled={user.sessions === 0}
            onClick={() => void endSessions.run()}
          >
            {t('users.endSessions')}
          </Button>
          <Button variant="default" loading={exportData.busy} onClick={() => void exportData.run()}>
            {t('users.export')}
          </Button>
        </Group>
        <ProgressNote text={exportData.busy ? t('users.exporting') : undefined} />
        <FormError message={error} />
      </Stack>
      <ReasonDialog
        opened={locking}
        title={t('users.lockTitle')}
        hint={t('users.lockHint')}
        submitLabel={t('users.lock')}
        onSubmit={async (reason) =>
          changed(await platform.users.lock(id, reason), () => t('users.locked'))
        }
        onClose={() => setLocking(false)}
      />
      {dialog}
    </section>
  );
}
