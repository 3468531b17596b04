import { Button, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmailField, isEmail } from './email-field';
import { FormError } from './form-error';
import { ProgressNote } from './progress-note';
import { useSubmit } from './use-submit';

/** Step 1 of the flows that start with a code e-mailed to the address (recovery, deletion). */
export function EmailRequestForm({
  heading,
  initialEmail,
  submitLabel,
  onSubmit,
  onBack,
  children,
}: {
  heading: ReactNode;
  initialEmail: string;
  submitLabel: string;
  onSubmit: (email: string) => Promise<void>;
  onBack: () => void;
  /** What the member should know before asking for the code. */
  children?: ReactNode;
}) {
  const { t } = useTranslation('id');
  const [email, setEmail] = useState(initialEmail);
  const { busy, errors, setErrors, run, form } = useSubmit<'email'>({ VALIDATION_FAILED: 'email' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isEmail(email)) return setErrors({ email: 'auth.fields.emailInvalid' });
    void run(() => onSubmit(email.trim()));
  };

  return (
    <form ref={form} onSubmit={submit} noValidate>
      <Stack>
        {heading}
        {children}
        <EmailField value={email} onChange={setEmail} error={errors.email} disabled={busy} />
        <FormError message={errors.form} />
        <Group justify="space-between" wrap="wrap-reverse">
          <Button variant="default" onClick={onBack} disabled={busy}>
            {t('auth.recovery.back')}
          </Button>
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
        <ProgressNote text={busy ? t('common.progress.working') : undefined} />
      </Stack>
    </form>
  );
}
