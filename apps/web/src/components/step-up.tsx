import { CardCoopError } from '@cardcoop/sdk';
import type { MemberClient } from '@cardcoop/sdk';
import { Anchor, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { workerOpaque } from '../lib/opaque/worker-opaque';
import { ProgressNote } from '../areas/id/auth/progress-note';
import { parseSecondFactor } from '../areas/id/security/second-factor';
import { SecondFactorInput } from '../areas/id/security/second-factor-input';
import { needsStepUp, serverError } from './server-error';

/** A second factor now, or the password when 2FA is off (`member.stepUp`). */
export type StepUpInput = Parameters<MemberClient['stepUp']>[0];
/** The app's or a backup code with 2FA on; the password (OPAQUE, never sent) with it off. */
export type StepUpMode = 'code' | 'password';

/** Thrown to the caller when the member closes the dialog instead of confirming. */
export class StepUpCancelled extends Error {
  override readonly name = 'StepUpCancelled';
}

interface Pending {
  retry: () => Promise<void>;
  cancel: () => void;
  mode: StepUpMode;
}

export type Guard = <T>(action: () => Promise<T>) => Promise<T>;

export interface StepUpOptions {
  /** Proves the factor for this session (`member.stepUp`). */
  stepUp: (input: StepUpInput) => Promise<unknown>;
  /** Which proof to ask for first; without it the code, and the server's answer switches. */
  firstMode?: () => Promise<StepUpMode>;
}

/**
 * Runs actions that may need a fresh second factor (ADR 019): when the server answers
 * STEP_UP_REQUIRED, a dialog asks for the app's or a backup code (the password when 2FA is off),
 * confirms this session and runs the action again. `guard(action)` settles like the action (or
 * with {@link StepUpCancelled}); render `dialog` once in the screen.
 */
export function useStepUp({ stepUp, firstMode }: StepUpOptions): {
  guard: Guard;
  dialog: ReactNode;
} {
  const [pending, setPending] = useState<Pending>();

  const guard = useCallback<Guard>(
    <T,>(action: () => Promise<T>) =>
      action().catch(async (error: unknown) => {
        if (!needsStepUp(error)) throw error;
        const mode = firstMode ? await firstMode().catch((): StepUpMode => 'code') : 'code';
        return new Promise<T>((resolve, reject) => {
          setPending({
            retry: () => action().then(resolve, reject),
            cancel: () => reject(new StepUpCancelled()),
            mode,
          });
        });
      }),
    [firstMode],
  );

  const dialog = (
    <StepUpDialog
      key={pending?.mode ?? 'closed'}
      opened={pending !== undefined}
      initialMode={pending?.mode ?? 'code'}
      confirm={async (input) => {
        await stepUp(input);
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
  opened,
  initialMode,
  confirm,
  close,
}: {
  opened: boolean;
  initialMode: StepUpMode;
  confirm: (input: StepUpInput) => Promise<void>;
  close: () => void;
}) {
  const { t } = useTranslation();
  const { t: tId } = useTranslation('id');
  const [mode, setMode] = useState<StepUpMode>(initialMode);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const switchTo = (next: StepUpMode) => {
    setMode(next);
    setValue('');
    setError(undefined);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input: StepUpInput | undefined =
      mode === 'password'
        ? value
          ? { password: value, opaque: workerOpaque }
          : undefined
        : parseSecondFactor(value);
    if (!input) {
      setError(mode === 'code' ? tId('security.factor.invalid') : t('stepUp.passwordRequired'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await confirm(input);
      setValue('');
    } catch (failure) {
      // The server says which proof this member's session needs.
      if (failure instanceof CardCoopError && failure.code === 'REAUTH_REQUIRED')
        switchTo('password');
      else if (failure instanceof CardCoopError && failure.code === 'MFA_REQUIRED')
        switchTo('code');
      else setError(serverError(failure, tId));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={() => !busy && close()}
      title={t('stepUp.title')}
      closeButtonProps={{ 'aria-label': t('stepUp.cancel') }}
      // Above a confirm dialog whose action asked for it (that one waits underneath).
      zIndex={400}
      centered
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Text size="sm">{t(mode === 'code' ? 'stepUp.text' : 'stepUp.passwordText')}</Text>
          {mode === 'code' ? (
            <SecondFactorInput value={value} onChange={setValue} error={error} />
          ) : (
            <PasswordInput
              label={t('stepUp.password')}
              value={value}
              onChange={(event) => setValue(event.currentTarget.value)}
              error={error}
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
              {t('stepUp.cancel')}
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
