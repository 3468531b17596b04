import type { AdminCooperative } from '@cardcoop/contracts';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../id/auth/form-error';
import { usePlatform } from '../use-platform';
import { REGISTRY_KEY } from './registry-key';
import { useSettingsSubmit } from './use-settings-submit';
import type { Told } from './told';

/** Suspends an active cooperative or resumes a suspended one, after a confirmation. */
export function StatusDialog({
  cooperative,
  onDone,
  onClose,
}: {
  cooperative: AdminCooperative;
  onDone: (message: Told) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('admin');
  const { platform } = usePlatform();
  const queries = useQueryClient();
  const suspending = cooperative.status === 'active';
  const name = cooperative.display_name;
  const form = useSettingsSubmit(() => {
    void queries.invalidateQueries({ queryKey: REGISTRY_KEY });
    return t('cooperatives.conflict');
  });
  const confirm = async () => {
    const done = await form.submit([], () =>
      platform.cooperatives.update(cooperative.coopname, {
        expected_revision: cooperative.revision,
        status: suspending ? 'suspended' : 'active',
      }),
    );
    if (!done) return;
    await queries.invalidateQueries({ queryKey: REGISTRY_KEY });
    onDone((say) => say(suspending ? 'cooperatives.suspended' : 'cooperatives.resumed', { name }));
    onClose();
  };
  const action = t(suspending ? 'cooperatives.suspend' : 'cooperatives.resume');
  return (
    <Modal
      opened
      onClose={() => !form.busy && onClose()}
      title={t(suspending ? 'cooperatives.suspendTitle' : 'cooperatives.resumeTitle', { name })}
      closeButtonProps={{ 'aria-label': t('cancel') }}
      centered
    >
      <Stack>
        <Text size="sm">
          {t(suspending ? 'cooperatives.suspendText' : 'cooperatives.resumeText')}
        </Text>
        <FormError message={form.formError} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={form.busy}>
            {t('cancel')}
          </Button>
          <Button
            color={suspending ? 'red' : undefined}
            loading={form.busy}
            onClick={() => void confirm()}
          >
            {action}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
