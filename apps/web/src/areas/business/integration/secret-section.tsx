import type { RotatedClientSecret } from '@cardcoop/contracts';
import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../id/common/confirm-dialog';
import { useDialogAction } from '../../id/common/use-dialog-action';
import { serverError } from '../../../components/server-error';
import { actionError } from '../../../components/step-up';
import { SecretOnce } from '../../../components/secret-once';
import { useBusiness } from '../use-business';

const GRACE_MINUTES = ['0', '60', '1440', '10080'] as const;

/** A new client secret (shown once); the old one keeps working for the grace period picked. */
export function SecretSection({
  coopname,
  guard,
}: {
  coopname: string;
  guard: <T>(action: () => Promise<T>) => Promise<T>;
}) {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const api = useBusiness();
  const [grace, setGrace] = useState<string>('1440');
  const [asking, setAsking] = useState<number>();
  const [rotated, setRotated] = useState<RotatedClientSecret>();

  const action = useDialogAction({
    item: asking,
    run: async (minutes: number) => {
      setRotated(await guard(() => api.rotateSecret(coopname, minutes)));
    },
    describe: (error) => actionError(error, (e) => serverError(e, tId)) ?? '',
    onDone: () => setAsking(undefined),
    onCancel: () => setAsking(undefined),
  });

  return (
    <Stack gap="sm">
      <Text size="sm">{t('settings.secret.text')}</Text>
      <Group align="flex-end" gap="sm">
        <Select
          label={t('settings.secret.grace')}
          data={GRACE_MINUTES.map((value) => ({
            value,
            label: t(`settings.secret.graceOptions.${value}`),
          }))}
          value={grace}
          onChange={(value) => value && setGrace(value)}
          allowDeselect={false}
          w={220}
        />
        <Button variant="default" onClick={() => setAsking(Number(grace))}>
          {t('settings.secret.rotate')}
        </Button>
      </Group>
      {rotated && <SecretOnce label={t('settings.secret.shown')} secret={rotated.client_secret} />}
      <ConfirmDialog
        opened={asking !== undefined}
        title={t('settings.secret.rotate')}
        text={t('settings.secret.confirm')}
        confirmLabel={t('settings.secret.rotate')}
        busy={action.busy}
        error={action.error}
        onConfirm={action.confirm}
        onCancel={action.cancel}
      />
    </Stack>
  );
}
