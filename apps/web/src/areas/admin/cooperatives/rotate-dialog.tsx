import type { AdminCooperative, RotatedClientSecret } from '@cardcoop/contracts';
import { Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Guard } from '../../../components/step-up';
import { ProgressNote } from '../../id/auth/progress-note';
import { FormError } from '../../id/auth/form-error';
import { useAction } from '../use-action';
import { usePlatform } from '../use-platform';

const GRACE_MINUTES = ['0', '60', '1440', '10080'] as const;

/**
 * A new client secret for a cooperative (with step-up): the previous one keeps working for the
 * grace period picked, so that the cooperative's server can switch without a pause.
 */
export function RotateDialog({
  cooperative,
  guard,
  onRotated,
  onClose,
}: {
  cooperative: AdminCooperative;
  guard: Guard;
  onRotated: (rotated: RotatedClientSecret) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('admin');
  const { platform } = usePlatform();
  const [grace, setGrace] = useState<string>('1440');
  const rotate = useAction(() =>
    guard(() =>
      platform.cooperatives.rotateSecret(cooperative.coopname, {
        grace_minutes: Number(grace),
      }),
    ),
  );
  const confirm = async () => {
    const done = await rotate.run();
    if (!done) return;
    onRotated(done.value);
    onClose();
  };
  return (
    <Modal
      opened
      onClose={() => !rotate.busy && onClose()}
      title={t('cooperatives.rotateTitle', { name: cooperative.display_name })}
      closeButtonProps={{ 'aria-label': t('cancel') }}
      centered
    >
      <Stack>
        <Text size="sm">{t('cooperatives.rotateText')}</Text>
        <NativeSelect
          label={t('cooperatives.grace')}
          value={grace}
          onChange={(event) => setGrace(event.currentTarget.value)}
          data={GRACE_MINUTES.map((value) => ({
            value,
            label: t(`cooperatives.graceOptions.${value}`),
          }))}
        />
        <FormError message={rotate.error} />
        <ProgressNote text={rotate.busy ? t('cooperatives.rotating') : undefined} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={rotate.busy}>
            {t('cancel')}
          </Button>
          <Button color="red" loading={rotate.busy} onClick={() => void confirm()}>
            {t('cooperatives.rotate')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
