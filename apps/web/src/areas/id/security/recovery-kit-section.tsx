import { Alert, Button, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecoveryKitReissue } from './recovery-kit-reissue';
import { SecuritySection } from './security-section';

/** "Issue a new Recovery Kit": the previous one stops working. */
export function RecoveryKitSection() {
  const { t } = useTranslation('id');
  const [step, setStep] = useState<'idle' | 'form' | 'done'>('idle');
  return (
    <SecuritySection
      title={t('security.recoveryKit.title')}
      description={t('security.recoveryKit.description')}
    >
      {step === 'form' ? (
        <RecoveryKitReissue onDone={() => setStep('done')} />
      ) : (
        <Group>
          {step === 'done' && (
            <Alert color="green" role="status" w="100%">
              {t('security.recoveryKit.done')}
            </Alert>
          )}
          <Button variant="default" onClick={() => setStep('form')}>
            {t('security.recoveryKit.issue')}
          </Button>
        </Group>
      )}
    </SecuritySection>
  );
}
