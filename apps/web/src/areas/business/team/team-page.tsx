import type { StaffMember, StaffRole } from '@cardcoop/contracts';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormError } from '../../id/auth/form-error';
import { ConfirmDialog } from '../../id/common/confirm-dialog';
import { useFormatDate } from '../../id/common/format-date';
import { useDialogAction } from '../../id/common/use-dialog-action';
import { serverError } from '../../../components/server-error';
import { useCoop } from '../coop-context';
import { canChange } from '../coop-sections';
import { QueryState } from '../../../components/query-state';
import { SectionPage } from '../section-page';
import { useStepUp } from '../step-up';
import { actionError } from '../../../components/step-up';
import { useBusiness } from '../use-business';
import { InviteForm } from './invite-form';
import { StaffItem } from './staff-item';
import { useStaff } from './use-staff';

type Pending = { kind: 'remove'; person: StaffMember } | { kind: 'leave' };

/** `/business/:coopname/team`: the staff, invitations, role changes, removal and leaving. */
export function TeamPage() {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const coop = useCoop();
  const api = useBusiness();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const formatDate = useFormatDate();
  const { query, refresh } = useStaff(coop.coopname);
  const { guard, dialog } = useStepUp();
  const [pending, setPending] = useState<Pending>();
  const [revokeError, setRevokeError] = useState<string>();
  const revoke = async (id: string) => {
    setRevokeError(undefined);
    try {
      await api.revokeInvitation(coop.coopname, id);
      await refresh();
    } catch (error) {
      setRevokeError(serverError(error, tId));
    }
  };
  const owner = coop.role === 'owner';
  const invitable: StaffRole[] = owner ? ['viewer', 'admin', 'owner'] : ['viewer', 'admin'];

  const action = useDialogAction({
    item: pending,
    run: async (item: Pending) => {
      if (item.kind === 'leave') await api.leave(coop.coopname);
      else await guard(() => api.removeStaff(coop.coopname, item.person.user_id));
    },
    describe: (error) => actionError(error, (e) => serverError(e, tId)) ?? '',
    onDone: (item) => {
      setPending(undefined);
      if (item.kind === 'leave') {
        void queries.invalidateQueries({ queryKey: ['business'] });
        void navigate('/business');
      } else void refresh();
    },
    onCancel: () => setPending(undefined),
  });

  return (
    <SectionPage title={t('team.title')} lead={t('team.lead')}>
      {canChange(coop.role) && (
        <InviteForm coopname={coop.coopname} roles={invitable} onInvited={() => void refresh()} />
      )}
      <QueryState query={query}>
        {({ staff, invitations }) => (
          <Stack gap="lg">
            <section aria-labelledby="team-staff">
              <Title order={2} size="h4" id="team-staff" mb="sm">
                {t('team.list')}
              </Title>
              <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                {staff.map((person) => (
                  <StaffItem
                    key={person.user_id}
                    person={person}
                    manage={owner}
                    changeRole={(role) =>
                      guard(() => api.changeRole(coop.coopname, person.user_id, role)).then(refresh)
                    }
                    onRemove={() => setPending({ kind: 'remove', person })}
                    onLeave={() => setPending({ kind: 'leave' })}
                  />
                ))}
              </Stack>
            </section>
            {invitations.length > 0 && (
              <section aria-labelledby="team-invitations">
                <Title order={2} size="h4" id="team-invitations" mb="sm">
                  {t('team.invitations')}
                </Title>
                <FormError message={revokeError} />
                <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                  {invitations.map((invitation) => (
                    <Paper component="li" withBorder p="sm" key={invitation.id}>
                      <Group justify="space-between" gap="sm">
                        <Text>
                          {invitation.email_masked} · {t(`roles.${invitation.role}`)} ·{' '}
                          {t('team.expires', { date: formatDate(invitation.expires_at) })}
                        </Text>
                        {canChange(coop.role) && (
                          <Button
                            variant="default"
                            size="compact-sm"
                            onClick={() => void revoke(invitation.id)}
                          >
                            {t('team.revoke')}
                          </Button>
                        )}
                      </Group>
                    </Paper>
                  ))}
                </Stack>
              </section>
            )}
          </Stack>
        )}
      </QueryState>
      <ConfirmDialog
        opened={pending !== undefined}
        title={t(pending?.kind === 'leave' ? 'team.leaveTitle' : 'team.removeTitle')}
        text={
          pending?.kind === 'remove'
            ? t('team.removeText', { name: pending.person.email })
            : t('team.leaveText')
        }
        confirmLabel={t(pending?.kind === 'leave' ? 'team.leave' : 'team.remove')}
        busy={action.busy}
        error={action.error}
        onConfirm={action.confirm}
        onCancel={action.cancel}
      />
      {dialog}
    </SectionPage>
  );
}
