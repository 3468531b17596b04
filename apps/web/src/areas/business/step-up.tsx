import { CardCoopError } from '@cardcoop/sdk';
import { Anchor, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { workerOpaque } from '../../lib/opaque/worker-opaque';
import { ProgressNote } from '../id/auth/progress-note';
import { parseSecondFactor } from '../id/security/second-factor';
import { SecondFactorInput } from '../id/security/second-factor-input';
import { useSay } from './business-error';
import { needsStepUp, serverError } from '../../components/server-error';
import type { Problem } from './business-error';
import type { StepUpInput } from './api';
import { useBusiness } from './use-business';

/** Thrown to the caller when the member closes the dialog instead of confirming. */
export class StepUpCancelled extends Error {
  override readonly name = 'StepUpCancelled';
}

interface Pending {
  retry: () => Promise<void>;
  cancel: () => void;
}

/**
 * Runs actions that may need a fresh second factor (ADR 019): when the server answers
 * STEP_UP_REQUIRED, a dialog asks for the app's or a backup code, confirms this session and runs
 * the action again. `guard(action)` settles like the action (or with {@link StepUpCancelled});
 * render `dialog` once in the screen.
 */
export function useStepUp() {
  const api = useBusiness();
  const [pending, setPending] = useState<Pending>();

  const guard = useCallback(<T,>(action: () => Promise<T>): Promise<T> => {
    return action().catch((error: unknown) => {
      if (!needsStepUp(error)) throw error;
      return new Promise<T>((resolve, reject) => {
        setPending({
          retry: () => action().then(resolve, reject),
          cancel: () => reject(new StepUpCancelled()),
        });
      });
    });
  }, []);

  const dialog = (
    <StepUpDialog
      pending={pending}
      confirm={async (input) => {
        await api.stepUp(input);
        setPending(undefined);
        await pending?.retry();
      }}
      close={() => {
        pending?.cancel();
        setPending(undefined);
      }}
    />
  );
  return { guard, dialog };
}

function StepUpDialog({
  pending,
  confirm,
  close,
}: {
  pending: Pending | undefined;
  confirm: (input: StepUpInput) => Promise<void>;
  close: () => void;
}) {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  // The app's or a backup code with 2FA on; the password (OPAQUE, never sent) with it off.
  const [mode, setMode] = useState<'code' | 'password'>('code');
  const [value, setValue] = useState('');
  const say = useSay();
  // 'invalid-code': the id area's words for a code that is neither form.
  const [error, setError] = useState<Problem | 'invalid-code'>();
  const shown = error === 'invalid-code' ? tId('security.factor.invalid') : say(error);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let input: StepUpInput | undefined;
    if (mode === 'password') input = value ? { password: value, opaque: workerOpaque } : undefined;
    else input = parseSecondFactor(value);
    if (!input) {
      setError(mode === 'code' ? 'invalid-code' : { key: 'stepUp.passwordRequired' });
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await confirm(input);
      setValue('');
    } catch (failure) {
      // The server says which proof this member's session needs.
      if (failure instanceof CardCoopError && failure.code === 'REAUTH_REQUIRED') {
        setMode('password');
        setValue('');
      } else if (failure instanceof CardCoopError && failure.code === 'MFA_REQUIRED') {
        setMode('code');
        setValue('');
      } else setError({ text: serverError(failure, tId) });
    } finally {
      setBusy(false);
    }
  };
  const switchTo = (next: 'code' | 'password') => {
    setMode(next);
    setValue('');
    setError(undefined);
  };

  return (
    <Modal
      opened={pending !== undefined}
      onClose={() => !busy && close()}
      title={t('stepUp.title')}
      closeButtonProps={{ 'aria-label': t('cancel') }}
      // Above a confirm dialog whose action asked for it (that one waits underneath).
      zIndex={400}
      centered
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Text size="sm">{t(mode === 'code' ? 'stepUp.text' : 'stepUp.passwordText')}</Text>
          {mode === 'code' ? (
            <SecondFactorInput value={value} onChange={setValue} error={shown} />
          ) : (
            <PasswordInput
              label={t('stepUp.password')}
              value={value}
              onChange={(event) => setValue(event.currentTarget.value)}
              error={shown}
              autoComplete="current-password"
              required
            />
          )}
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => switchTo(mode === 'code' ? 'password' : 'code')}
          >
            {t(mode === 'code' ? 'stepUp.usePassword' : 'stepUp.useCode')}
          </Anchor>
          <ProgressNote text={busy ? t('stepUp.checking') : undefined} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={busy}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('stepUp.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A failure to show next to the action's button; nothing when the member cancelled. */
export function actionError(error: unknown, describe: (error: unknown) => string) {
  return error instanceof StepUpCancelled ? undefined : describe(error);
}
