import { CardCoopError } from '@cardcoop/sdk';
import type { MemberClient } from '@cardcoop/sdk';
import { Anchor, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { workerOpaque } from '../../lib/opaque/worker-opaque';
import { ProgressNote } from '../id/auth/progress-note';
import { parseSecondFactor } from '../id/security/second-factor';
import { SecondFactorInput } from '../id/security/second-factor-input';
import { needsStepUp, serverError } from '../../components/server-error';
import { usePlatform } from './use-platform';

type StepUpInput = Parameters<MemberClient['stepUp']>[0];

/** Thrown to the caller when the admin closes the dialog instead of confirming. */
export class StepUpCancelled extends Error {
  override readonly name = 'StepUpCancelled';
}

interface Pending {
  retry: () => Promise<void>;
  cancel: () => void;
  /** The app's or a backup code with 2FA on, the password with it off. */
  mode: Mode;
}

type Mode = 'code' | 'password';

export type Guard = <T>(action: () => Promise<T>) => Promise<T>;

/**
 * Runs actions that may need a fresh second factor (ADR 019): on STEP_UP_REQUIRED a dialog asks
 * for the app's or a backup code (the password when 2FA is off), confirms this session and runs
 * the action again. Render `dialog` once in the screen.
 */
export function useStepUp(): { guard: Guard; dialog: React.ReactNode } {
  const { member } = usePlatform();
  const [pending, setPending] = useState<Pending>();

  const guard = useCallback<Guard>(
    <T,>(action: () => Promise<T>) =>
      action().catch(async (error: unknown) => {
        if (!needsStepUp(error)) throw error;
        const mode: Mode = await member.totp.status().then(
          ({ enabled }) => (enabled ? 'code' : 'password'),
          () => 'code',
        );
        return new Promise<T>((resolve, reject) => {
          setPending({
            retry: () => action().then(resolve, reject),
            cancel: () => reject(new StepUpCancelled()),
            mode,
          });
        });
      }),
    [member],
  );

  const dialog = (
    <StepUpDialog
      key={pending?.mode ?? 'closed'}
      opened={pending !== undefined}
      initialMode={pending?.mode ?? 'code'}
      confirm={async (input) => {
        await member.stepUp(input);
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
  initialMode: Mode;
  confirm: (input: StepUpInput) => Promise<void>;
  close: () => void;
}) {
  const { t } = useTranslation('admin');
  const { t: tId } = useTranslation('id');
  const [mode, setMode] = useState<Mode>(initialMode);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

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
      // The server says which proof this session needs.
      if (failure instanceof CardCoopError && failure.code === 'REAUTH_REQUIRED')
        switchTo('password');
      else if (failure instanceof CardCoopError && failure.code === 'MFA_REQUIRED')
        switchTo('code');
      else setError(serverError(failure, tId));
    } finally {
      setBusy(false);
    }
  };
  const switchTo = (next: Mode) => {
    setMode(next);
    setValue('');
    setError(undefined);
  };

  return (
    <Modal
      opened={opened}
      onClose={() => !busy && close()}
      title={t('stepUp.title')}
      closeButtonProps={{ 'aria-label': t('cancel') }}
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
