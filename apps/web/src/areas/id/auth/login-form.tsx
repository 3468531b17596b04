import { Alert, Anchor, Button, Checkbox, Stack } from '@mantine/core';
import type { MemberClient, MemberSession, MfaChallenge } from '@cardcoop/sdk';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { cardcoop } from '../../../lib/cardcoop';
import { workerOpaque } from '../../../lib/opaque/worker-opaque';
import { sessionStore } from '../session/session-store';
import { errorCode } from './auth-error';
import { currentConnectVisit } from '../access/connect-visit';
import { deviceName } from './device-name';
import { EmailField, isEmail } from './email-field';
import { FormError } from './form-error';
import { PasswordField } from './password-field';
import { useProblemText } from './problem';
import type { Problem } from './problem';
import { ProgressNote } from './progress-note';
import { SecondFactorForm } from './second-factor-form';
import { useSubmit } from './use-submit';

// In a cooperative's frame the storage is partitioned and the device is not the member's
// own browser window: no "trust this device" there.
const framed = window.self !== window.top;

/**
 * Sign-in: e-mail and password (OPAQUE in the worker), then the second factor when the account
 * has one. Signs the member in (`sessionStore.signedIn`) before calling `onSignedIn`.
 */
export function LoginForm({ onSignedIn }: { onSignedIn: (member: MemberClient) => void }) {
  const { t } = useTranslation('id');
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [trust, setTrust] = useState(false);
  const [mfa, setMfa] = useState<MfaChallenge>();
  const [notice, setNotice] = useState<Problem>();
  const text = useProblemText();
  const { busy, errors, setErrors, run, form } = useSubmit<'email' | 'password'>({
    INVALID_CREDENTIALS: 'password',
    VALIDATION_FAILED: 'email',
  });

  const finish = async (session: MemberSession) =>
    onSignedIn(await sessionStore.signedIn(session, { email: email.trim(), trustDevice: trust }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(undefined);
    if (!isEmail(email)) return setErrors({ email: 'auth.fields.emailInvalid' });
    if (!password) return setErrors({ password: 'auth.fields.passwordRequired' });
    void run(async () => {
      const outcome = await cardcoop.auth.login({
        email: email.trim(),
        password,
        deviceName: deviceName(),
        opaque: workerOpaque,
        connect: currentConnectVisit(location),
      });
      if (outcome.status === 'mfa_required') setMfa(outcome.mfa);
      else await finish(outcome.session);
    });
  };

  if (mfa) {
    const restart = (message?: Problem) => {
      setMfa(undefined);
      setPassword('');
      setNotice(message);
    };
    return (
      <SecondFactorForm
        onBack={() => restart()}
        onSubmit={async (factor) => {
          try {
            await finish(await mfa.complete(factor));
          } catch (error) {
            if (errorCode(error) !== 'LOGIN_EXPIRED') throw error;
            restart('common.errors.LOGIN_EXPIRED');
          }
        }}
      />
    );
  }

  return (
    <form ref={form} onSubmit={submit} noValidate>
      <Stack>
        {notice && (
          <Alert variant="light" color="yellow" role="alert">
            {text(notice)}
          </Alert>
        )}
        <EmailField
          value={email}
          onChange={setEmail}
          error={errors.email}
          disabled={busy}
          autoFocus={!framed}
        />
        <PasswordField
          label={t('auth.fields.password')}
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={errors.password}
          disabled={busy}
          required
        />
        {!framed && (
          <Checkbox
            label={t('auth.login.trust')}
            description={t('auth.login.trustDescription')}
            checked={trust}
            onChange={(event) => setTrust(event.currentTarget.checked)}
            disabled={busy}
          />
        )}
        <FormError message={errors.form} />
        <Button type="submit" loading={busy}>
          {t('auth.login.submit')}
        </Button>
        <ProgressNote text={busy ? t('common.progress.keys') : undefined} />
        <Anchor
          component={Link}
          to={forgotPath(location)}
          target={framed ? '_blank' : undefined}
          size="sm"
        >
          {t('auth.login.forgot')}
        </Anchor>
      </Stack>
    </form>
  );
}

/**
 * The way to password recovery, carrying where the member was going: the login page's own
 * `next`, or the page the form is on (a cooperative's connect request is not lost on the way).
 */
function forgotPath({ pathname, search }: { pathname: string; search: string }): string {
  const next =
    pathname === '/id/login' ? new URLSearchParams(search).get('next') : `${pathname}${search}`;
  return next ? `/id/forgot?${new URLSearchParams({ next }).toString()}` : '/id/forgot';
}
