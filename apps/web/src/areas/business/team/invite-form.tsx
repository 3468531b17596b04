import { emailSchema } from '@cardcoop/contracts';
import type { StaffRole } from '@cardcoop/contracts';
import { Alert, Button, Group, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../id/auth/form-error';
import { ProgressNote } from '../../id/auth/progress-note';
import { useSay } from '../business-error';
import { serverError } from '../../../components/server-error';
import type { Problem } from '../business-error';
import { useBusiness } from '../use-business';

/** Invite a person by e-mail with a role; an owner may invite owners, an admin may not. */
export function InviteForm({
  coopname,
  roles,
  onInvited,
}: {
  coopname: string;
  roles: StaffRole[];
  onInvited: () => void;
}) {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const api = useBusiness();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('viewer');
  const say = useSay();
  const [emailError, setEmailError] = useState<Problem>();
  const [error, setError] = useState<string>();
  const [sent, setSent] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSent(undefined);
    setError(undefined);
    const address = email.trim();
    if (!emailSchema.safeParse(address).success) {
      setEmailError({ key: 'team.invite.emailInvalid' });
      return;
    }
    setEmailError(undefined);
    setBusy(true);
    try {
      await api.invite(coopname, { email: address, role });
      setSent(address);
      setEmail('');
      onInvited();
    } catch (failure) {
      setError(serverError(failure, tId));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="team-invite">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Title order={2} size="h4" id="team-invite">
            {t('team.invite.title')}
          </Title>
          <Group align="flex-start" gap="sm" grow preventGrowOverflow={false}>
            <TextInput
              label={t('team.invite.email')}
              type="email"
              autoComplete="off"
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={say(emailError)}
              miw={220}
              required
            />
            <Select
              label={t('team.invite.role')}
              data={roles.map((value) => ({ value, label: t(`roles.${value}`) }))}
              value={role}
              onChange={(value) => value && setRole(value as StaffRole)}
              allowDeselect={false}
              miw={180}
            />
          </Group>
          <FormError message={error} />
          <ProgressNote text={busy ? t('team.invite.sending') : undefined} />
          {sent && (
            <Alert color="teal" role="status">
              {t('team.invite.sent', { email: sent })}
            </Alert>
          )}
          <div>
            <Button type="submit" loading={busy}>
              {t('team.invite.submit')}
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}
