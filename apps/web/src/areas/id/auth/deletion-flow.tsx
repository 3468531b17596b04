import { Alert, Anchor, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { cardcoop } from '../../../lib/cardcoop';
import { DeletionCodeStep } from './deletion-code-step';
import { EmailRequestForm } from './email-request-form';
import { sentCode } from './sent-code';
import type { SentCode } from './sent-code';
import { StepHeading } from '../common/step-heading';

type Step =
  | { name: 'email'; email: string }
  | { name: 'code'; sent: SentCode }
  | { name: 'scheduled'; dueAt: string };

/**
 * "Lost everything": the account is deleted 72 hours after the e-mail confirms it, unless a
 * signed-in device cancels it first. Nothing carries over to a new account.
 */
export function DeletionFlow({ onBack }: { onBack: () => void }) {
  const { t, i18n } = useTranslation('id');
  const [step, setStep] = useState<Step>({ name: 'email', email: '' });

  switch (step.name) {
    case 'email':
      return (
        <EmailRequestForm
          heading={<StepHeading>{t('auth.deletion.title')}</StepHeading>}
          initialEmail={step.email}
          onBack={onBack}
          submitLabel={t('auth.deletion.sendCode')}
          onSubmit={async (email) =>
            setStep({
              name: 'code',
              sent: sentCode(email, await cardcoop.auth.requestDeletion(email)),
            })
          }
        >
          <List spacing="xs">
            <List.Item>{t('auth.deletion.what')}</List.Item>
            <List.Item>{t('auth.deletion.wait')}</List.Item>
            <List.Item>{t('auth.deletion.gone')}</List.Item>
          </List>
        </EmailRequestForm>
      );
    case 'code':
      return (
        <DeletionCodeStep
          sent={step.sent}
          onOtherEmail={() => setStep({ name: 'email', email: step.sent.email })}
          onScheduled={(dueAt) => setStep({ name: 'scheduled', dueAt })}
        />
      );
    case 'scheduled': {
      const date = new Date(step.dueAt).toLocaleString(i18n.language, {
        dateStyle: 'long',
        timeStyle: 'short',
      });
      return (
        <Stack>
          <StepHeading>{t('auth.deletion.scheduledTitle')}</StepHeading>
          <Alert variant="light" color="orange">
            {t('auth.deletion.scheduled', { date })}
          </Alert>
          <Text>
            <Anchor component={Link} to="/id/login">
              {t('auth.deletion.toLogin')}
            </Anchor>
          </Text>
        </Stack>
      );
    }
  }
}
