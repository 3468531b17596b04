import type { AuditVerification } from '@cardcoop/contracts';
import { Button, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../id/auth/form-error';
import { ProgressNote } from '../../id/auth/progress-note';
import { StatusTag } from '../status-tag';
import { useAction } from '../use-action';
import { usePlatform } from '../use-platform';

/** "Verify chain": every hash chain recomputed, the signed checkpoints checked; the result. */
export function VerifyChain() {
  const { t } = useTranslation('admin');
  const { platform } = usePlatform();
  const [result, setResult] = useState<AuditVerification>();
  const verify = useAction(async () => setResult(await platform.audit.verify()));
  return (
    <Stack gap="sm" align="flex-start">
      <Button loading={verify.busy} onClick={() => void verify.run()}>
        {t('audit.verify')}
      </Button>
      <ProgressNote text={verify.busy ? t('audit.verifying') : undefined} />
      <FormError message={verify.error} />
      {result && !verify.busy && (
        <Paper withBorder p="md" role="status" w="100%">
          <Stack gap={4}>
            <StatusTag color={result.ok ? 'green' : 'red'}>
              {t(result.ok ? 'audit.verifiedOk' : 'audit.verifiedBroken')}
            </StatusTag>
            <Text size="sm">
              {t('audit.checked', {
                count: result.checked,
                subjects: result.subjects,
                checkpoints: result.checkpoints_checked,
              })}
            </Text>
            {result.first_broken_id !== null && (
              <Text size="sm">{t('audit.firstBroken', { id: result.first_broken_id })}</Text>
            )}
            {result.first_broken_checkpoint_id !== null && (
              <Text size="sm">
                {t('audit.firstBrokenCheckpoint', { id: result.first_broken_checkpoint_id })}
              </Text>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
