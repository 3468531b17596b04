import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../id/auth/form-error';
import { useAction } from './use-action';

/**
 * Asks for the reason of a decision (a rejection, a lock) and runs `onSubmit` with it; the
 * server's refusal shows under the field, the dialog closes when it succeeds.
 */
export function ReasonDialog({
  opened,
  title,
  hint,
  submitLabel,
  maxLength = 500,
  onSubmit,
  onClose,
}: {
  opened: boolean;
  title: string;
  hint?: string;
  submitLabel: string;
  maxLength?: number;
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation('admin');
  const [reason, setReason] = useState('');
  const action = useAction(onSubmit);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      action.setError(t('reason.required'));
      return;
    }
    if (await action.run(reason.trim())) {
      setReason('');
      onClose();
    }
  };
  return (
    <Modal
      opened={opened}
      onClose={() => !action.busy && onClose()}
      title={title}
      closeButtonProps={{ 'aria-label': t('cancel') }}
      centered
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          {hint && <Text size="sm">{hint}</Text>}
          <Textarea
            label={t('reason.label')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={action.error}
            maxLength={maxLength}
            autosize
            minRows={3}
            required
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={action.busy}>
              {t('cancel')}
            </Button>
            <Button type="submit" color="red" loading={action.busy}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Asks before an action that cannot be undone; its failure shows in the dialog. */
export function ConfirmDialog({
  opened,
  title,
  text,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  text: string;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation('admin');
  const action = useAction(onConfirm);
  const confirm = async () => {
    if (await action.run()) onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={() => !action.busy && onClose()}
      title={title}
      closeButtonProps={{ 'aria-label': t('cancel') }}
      centered
    >
      <Stack>
        <Text size="sm">{text}</Text>
        <FormError message={action.error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={action.busy}>
            {t('cancel')}
          </Button>
          <Button color="red" loading={action.busy} onClick={() => void confirm()}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
