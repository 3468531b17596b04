import { Button, Checkbox, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { cardcoop } from '../../../lib/cardcoop';
import { errorCode } from './auth-error';
import { EmailField, isEmail } from './email-field';
import { FormError } from './form-error';
import { PrivacyPolicy, usePrivacyPolicy } from './privacy-policy';
import { ProgressNote } from './progress-note';
import type { CodeRequest } from './register-flow';
import { sentCode } from './sent-code';
import { useSubmit } from './use-submit';

/** Registration, step 1: the e-mail address and consent to the privacy policy in force. */
export function RegisterEmailStep({
  initialEmail,
  onCodeSent,
}: {
  initialEmail: string;
  onCodeSent: (request: CodeRequest) => void;
}) {
  const { t } = useTranslation('id');
  const policy = usePrivacyPolicy();
  const [email, setEmail] = useState(initialEmail);
  const [consent, setConsent] = useState(false);
  const { busy, errors, setErrors, run, form } = useSubmit<'email' | 'consent'>({
    VALIDATION_FAILED: 'email',
    PRIVACY_VERSION_OUTDATED: 'consent',
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isEmail(email)) return setErrors({ email: 'auth.fields.emailInvalid' });
    if (!consent) return setErrors({ consent: 'auth.register.consentRequired' });
    const privacyVersion = policy.data?.version;
    if (!privacyVersion) return;
    void run(async () => {
      const address = email.trim();
      try {
        const sent = await cardcoop.auth.startRegistration({ email: address, privacyVersion });
        onCodeSent({ email: address, privacyVersion, sent: sentCode(address, sent) });
      } catch (error) {
        // A newer policy than the one shown: show it, and ask for consent again.
        if (errorCode(error) === 'PRIVACY_VERSION_OUTDATED') {
          setConsent(false);
          void policy.refetch();
        }
        throw error;
      }
    });
  };

  return (
    <form ref={form} onSubmit={submit} noValidate>
      <Stack>
        <Text>{t('auth.register.intro')}</Text>
        <EmailField value={email} onChange={setEmail} error={errors.email} disabled={busy} />
        <PrivacyPolicy query={policy} />
        <Checkbox
          label={t('auth.register.consent')}
          checked={consent}
          onChange={(event) => setConsent(event.currentTarget.checked)}
          error={errors.consent}
          aria-invalid={Boolean(errors.consent)}
          disabled={busy || !policy.data}
          required
        />
        <FormError message={errors.form} />
        <Button type="submit" loading={busy} disabled={!policy.data}>
          {t('auth.register.sendCode')}
        </Button>
        <ProgressNote text={busy ? t('common.progress.working') : undefined} />
      </Stack>
    </form>
  );
}
