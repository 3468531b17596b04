import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import type { RecoveryKit } from '@cardcoop/sdk';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from './form-error';
import { ProgressNote } from './progress-note';
import { StepHeading } from '../common/step-heading';
import { useSubmit } from './use-submit';

/** The member retypes one group of the key from the saved page, proving it was kept. */
export function RecoveryKitConfirmation({
  challenge,
  onShowAgain,
  onConfirmed,
}: {
  challenge: RecoveryKit['confirmation'];
  onShowAgain: () => void;
  onConfirmed: () => Promise<void>;
}) {
  const { t } = useTranslation('id');
  const [group, setGroup] = useState('');
  const { busy, errors, setErrors, run, form } = useSubmit<'group'>();
  const position = { group: challenge.groupIndex + 1, count: challenge.groupCount };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!challenge.matches(group)) return setErrors({ group: 'auth.kit.confirmMismatch' });
    void run(onConfirmed);
  };

  return (
    <form ref={form} onSubmit={submit} noValidate>
      <Stack>
        <StepHeading>{t('auth.kit.confirmTitle')}</StepHeading>
        <Text>{t('auth.kit.confirmText', position)}</Text>
        <TextInput
          label={t('auth.kit.confirmLabel', position)}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="characters"
          value={group}
          onChange={(event) => setGroup(event.currentTarget.value)}
          error={errors.group}
          disabled={busy}
          required
        />
        <FormError message={errors.form} />
        <Group justify="space-between" wrap="wrap-reverse">
          <Button variant="default" onClick={onShowAgain} disabled={busy}>
            {t('auth.kit.showAgain')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('auth.kit.confirm')}
          </Button>
        </Group>
        <ProgressNote text={busy ? t('common.progress.working') : undefined} />
      </Stack>
    </form>
  );
}
