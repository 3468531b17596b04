import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProgressNote } from '../id/auth/progress-note';
import { parseSecondFactor } from '../id/security/second-factor';
import { SecondFactorInput } from '../id/security/second-factor-input';
import { businessError, needsStepUp } from './business-error';
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
      confirm={async (factor) => {
        await api.stepUp(factor);
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
  confirm: (factor: { totp_code: string } | { backup_code: string }) => Promise<void>;
  close: () => void;
}) {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const factor = parseSecondFactor(code);
    if (!factor) {
      setError(tId('security.factor.invalid'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await confirm(
        'totpCode' in factor ? { totp_code: factor.totpCode } : { backup_code: factor.backupCode },
      );
      setCode('');
    } catch (failure) {
      setError(businessError(failure, tId));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={pending !== undefined}
      onClose={() => !busy && close()}
      title={t('stepUp.title')}
      closeButtonProps={{ 'aria-label': t('cancel') }}
      centered
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Text size="sm">{t('stepUp.text')}</Text>
          <SecondFactorInput value={code} onChange={setCode} error={error} />
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
