import { Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cardcoop } from '../../../lib/cardcoop';
import { DeletionCodeStep } from '../auth/deletion-code-step';
import { EmailRequestForm } from '../auth/email-request-form';
import { sentCode } from '../auth/sent-code';
import type { SentCode } from '../auth/sent-code';
import { StepHeading } from '../common/step-heading';

type Step = { name: 'email'; email: string } | { name: 'code'; sent: SentCode };

interface DeletionStepsProps {
  onScheduled: () => Promise<void>;
  onCancel: () => void;
}

/**
 * Scheduling the deletion, as on the "lost everything" page: the account's address gets a code,
 * and the code schedules the deletion 72 hours ahead. Proving the inbox is the server's step-up.
 */
export function DeletionSteps({ onScheduled, onCancel }: DeletionStepsProps) {
  const { t } = useTranslation('id');
  const [step, setStep] = useState<Step>({ name: 'email', email: '' });

  if (step.name === 'code')
    return (
      <DeletionCodeStep
        sent={step.sent}
        onOtherEmail={() => setStep({ name: 'email', email: step.sent.email })}
        onScheduled={() => void onScheduled()}
      />
    );
  return (
    <EmailRequestForm
      heading={<StepHeading order={3}>{t('security.deletion.emailTitle')}</StepHeading>}
      initialEmail={step.email}
      submitLabel={t('security.deletion.sendCode')}
      onSubmit={async (email) =>
        setStep({ name: 'code', sent: sentCode(email, await cardcoop.auth.requestDeletion(email)) })
      }
      onBack={onCancel}
    >
      <Text>{t('security.deletion.emailText')}</Text>
    </EmailRequestForm>
  );
}
