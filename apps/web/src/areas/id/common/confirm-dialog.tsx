import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DANGER } from './colors';

interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  text: string;
  confirmLabel: string;
  busy: boolean;
  /** What went wrong with the last attempt, translated. */
  error?: string | undefined;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before an action that cannot be undone; stays open, with progress, while it runs. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { t } = useTranslation('id');
  const { opened, title, text, confirmLabel, busy, error, onConfirm, onCancel } = props;
  return (
    <Modal
      opened={opened}
      onClose={() => !busy && onCancel()}
      title={title}
      closeOnClickOutside={!busy}
      closeOnEscape={!busy}
      withCloseButton={!busy}
      closeButtonProps={{ 'aria-label': t('common.confirm.close') }}
      centered
    >
      <Stack>
        <Text>{text}</Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {busy && (
          <Text size="sm" role="status">
            {t('common.progress.working')}
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={busy} data-autofocus>
            {t('common.confirm.cancel')}
          </Button>
          <Button color={DANGER} onClick={onConfirm} loading={busy}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
