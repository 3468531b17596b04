import type { RecoveryMfaChallenge, RecoveryResult } from '@cardcoop/sdk';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cardcoop } from '../../../lib/cardcoop';
import { sessionStore } from '../session/session-store';
import { EmailRequestForm } from './email-request-form';
import { RecoveryDetailsStep } from './recovery-details-step';
import { RecoveryKitStep } from './recovery-kit-step';
import { SecondFactorForm } from './second-factor-form';
import { sentCode } from './sent-code';
import type { SentCode } from './sent-code';
import { StepHeading } from '../common/step-heading';

type Step =
  | { name: 'email'; email: string }
  | { name: 'details'; sent: SentCode }
  | { name: 'second-factor'; email: string; mfa: RecoveryMfaChallenge }
  | { name: 'kit'; email: string; result: RecoveryResult };

/**
 * Recovery with the Recovery Kit: the code from the e-mail, the recovery key (plus the second
 * factor when 2FA is on) and a new password; then a NEW kit, saved and confirmed, and only then
 * the member is signed in. The server ends every other session.
 */
export function RecoveryFlow({
  onBack,
  onRecovered,
}: {
  onBack: () => void;
  onRecovered: () => void;
}) {
  const { t } = useTranslation('id');
  const [step, setStep] = useState<Step>({ name: 'email', email: '' });
  const toKit = (email: string, result: RecoveryResult) => setStep({ name: 'kit', email, result });

  switch (step.name) {
    case 'email':
      return (
        <EmailRequestForm
          heading={<StepHeading>{t('auth.recovery.withKitTitle')}</StepHeading>}
          initialEmail={step.email}
          onBack={onBack}
          submitLabel={t('auth.recovery.sendCode')}
          onSubmit={async (email) =>
            setStep({
              name: 'details',
              sent: sentCode(email, await cardcoop.auth.requestRecovery(email)),
            })
          }
        ></EmailRequestForm>
      );
    case 'details':
      return (
        <RecoveryDetailsStep
          sent={step.sent}
          onOtherEmail={() => setStep({ name: 'email', email: step.sent.email })}
          onRecovered={(result) => toKit(step.sent.email, result)}
          onSecondFactor={(mfa) => setStep({ name: 'second-factor', email: step.sent.email, mfa })}
        />
      );
    case 'second-factor':
      return (
        <SecondFactorForm
          progress={t('common.progress.keys')}
          onBack={() => setStep({ name: 'email', email: step.email })}
          onSubmit={async (factor) => toKit(step.email, await step.mfa.complete(factor))}
        />
      );
    case 'kit':
      return (
        <RecoveryKitStep
          kit={step.result.recoveryKit}
          email={step.email}
          intro={t('auth.recovery.newKitIntro')}
          onConfirmed={async () => {
            await sessionStore.signedIn(step.result, { email: step.email, recoveryKitSaved: true });
            onRecovered();
          }}
        />
      );
  }
}
