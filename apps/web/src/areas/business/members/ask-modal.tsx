import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Asks before a change that cannot be undone: the question, and the action's button. */
export function AskModal({
  opened,
  title,
  text,
  action,
  busy,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  title: string;
  text: string;
  action: string;
  busy: boolean;
  onClose: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation('business');
  return (
    <Modal
      opened={opened}
      onClose={() => !busy && onClose()}
      title={title}
      closeButtonProps={{ 'aria-label': t('cancel') }}
      centered
    >
      <Stack>
        <Text size="sm">{text}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t('cancel')}
          </Button>
          <Button color="red" onClick={onConfirm} loading={busy}>
            {action}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
