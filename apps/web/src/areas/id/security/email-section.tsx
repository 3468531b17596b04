import { Alert, Button, Stack } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionStore } from '../session/session-store';
import { EmailChangeConfirm } from './email-change-confirm';
import { EmailChangeForm } from './email-change-form';
import { SecuritySection } from './security-section';
import { useRefresh } from './security-queries';

type Step = { kind: 'form' } | { kind: 'code'; email: string } | { kind: 'done'; email: string };

/** Changing the account's e-mail address; the old one can revert it for 7 days. */
export function EmailSection() {
  const { t } = useTranslation('id');
  const refresh = useRefresh();
  const heading = useRef<HTMLHeadingElement>(null);
  const [step, setStep] = useState<Step>({ kind: 'form' });
  const toForm = () => {
    setStep({ kind: 'form' });
    heading.current?.focus();
  };

  return (
    <SecuritySection
      title={t('security.email.title')}
      description={t('security.email.description')}
      headingRef={heading}
    >
      {step.kind === 'form' && (
        <EmailChangeForm onCodeSent={(email) => setStep({ kind: 'code', email })} />
      )}
      {step.kind === 'code' && (
        <EmailChangeConfirm
          email={step.email}
          onChanged={() => {
            void refresh('audit');
            void sessionStore.emailChanged(step.email);
            setStep({ kind: 'done', email: step.email });
            heading.current?.focus();
          }}
          onBack={toForm}
        />
      )}
      {step.kind === 'done' && (
        <Stack align="flex-start">
          <Alert color="green" role="status">
            {t('security.email.changed', { email: step.email })}
          </Alert>
          <Button variant="default" onClick={toForm}>
            {t('security.email.again')}
          </Button>
        </Stack>
      )}
    </SecuritySection>
  );
}
