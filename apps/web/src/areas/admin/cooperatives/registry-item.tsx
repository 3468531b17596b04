import type { AdminCooperative, RotatedClientSecret } from '@cardcoop/contracts';
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SecretOnce } from '../../../components/secret-once';
import type { Guard } from '../../../components/step-up';
import { formatInstant } from '../format';
import { StatusTag } from '../status-tag';
import { EditDialog } from './edit-dialog';
import { RotateDialog } from './rotate-dialog';
import { StatusDialog } from './status-dialog';
import type { Told } from './told';

type Open = 'edit' | 'status' | 'rotate';

/** One cooperative of the registry: its state, and edit, suspend or resume, replace the secret. */
export function RegistryItem({
  cooperative,
  guard,
  onDone,
}: {
  cooperative: AdminCooperative;
  guard: Guard;
  onDone: (message: Told) => void;
}) {
  const { t, i18n } = useTranslation('admin');
  const [open, setOpen] = useState<Open>();
  const [rotated, setRotated] = useState<RotatedClientSecret>();
  const close = () => setOpen(undefined);
  const name = cooperative.display_name;
  const active = cooperative.status === 'active';
  return (
    <Paper component="li" withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between" gap="sm">
          <Stack gap={4} miw={0}>
            <Text fw={600}>{name}</Text>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {cooperative.coopname}
              {cooperative.legal_name ? ` · ${cooperative.legal_name}` : ''}
            </Text>
          </Stack>
          <Group gap="xs">
            <StatusTag color={active ? 'green' : 'red'}>
              {t(`cooperatives.status.${cooperative.status}`)}
            </StatusTag>
            <StatusTag color="indigo">{t(`cooperatives.level.${cooperative.level}`)}</StatusTag>
            <StatusTag color="gray">
              {t(cooperative.data_key ? 'cooperatives.dataKey' : 'cooperatives.noDataKey')}
            </StatusTag>
          </Group>
        </Group>
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            aria-label={t('cooperatives.editLabel', { name })}
            onClick={() => setOpen('edit')}
          >
            {t('cooperatives.edit')}
          </Button>
          <Button
            size="xs"
            variant="default"
            color={active ? 'red' : undefined}
            aria-label={t(active ? 'cooperatives.suspendLabel' : 'cooperatives.resumeLabel', {
              name,
            })}
            onClick={() => setOpen('status')}
          >
            {t(active ? 'cooperatives.suspend' : 'cooperatives.resume')}
          </Button>
          <Button
            size="xs"
            variant="default"
            aria-label={t('cooperatives.rotateLabel', { name })}
            onClick={() => setOpen('rotate')}
          >
            {t('cooperatives.rotate')}
          </Button>
        </Group>
        {rotated && (
          <Stack gap="xs">
            <SecretOnce
              label={t('cooperatives.newSecret', { name })}
              secret={rotated.client_secret}
            />
            <Text size="sm">
              {rotated.previous_valid_until
                ? t('cooperatives.previousUntil', {
                    at: formatInstant(rotated.previous_valid_until, i18n.language),
                  })
                : t('cooperatives.previousStopped')}
            </Text>
            <Group>
              <Button size="xs" variant="default" onClick={() => setRotated(undefined)}>
                {t('cooperatives.hideSecret')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
      {open === 'edit' && <EditDialog cooperative={cooperative} onSaved={onDone} onClose={close} />}
      {open === 'status' && (
        <StatusDialog cooperative={cooperative} onDone={onDone} onClose={close} />
      )}
      {open === 'rotate' && (
        <RotateDialog
          cooperative={cooperative}
          guard={guard}
          onRotated={setRotated}
          onClose={close}
        />
      )}
    </Paper>
  );
}
