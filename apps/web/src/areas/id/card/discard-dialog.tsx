import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DANGER } from '../common/colors';

interface DiscardDialogProps {
  opened: boolean;
  /** Back to the form, the edits kept. */
  onStay: () => void;
  onDiscard: () => void;
}

/** Asks before the edits of a card form are dropped; staying is the default. */
export function DiscardDialog({ opened, onStay, onDiscard }: DiscardDialogProps) {
  const { t } = useTranslation('id');
  return (
    <Modal
      opened={opened}
      onClose={onStay}
      title={t('card.discard.title')}
      closeButtonProps={{ 'aria-label': t('common.confirm.close') }}
      centered
    >
      <Stack>
        <Text>{t('card.discard.text')}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onStay} data-autofocus>
            {t('card.discard.stay')}
          </Button>
          <Button color={DANGER} onClick={onDiscard}>
            {t('card.discard.discard')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
