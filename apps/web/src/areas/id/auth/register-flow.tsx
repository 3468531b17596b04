import type { MemberClient, RegistrationResult } from '@cardcoop/sdk';
import { useEffect, useState } from 'react';
import { sessionStore } from '../session/session-store';
import { RecoveryKitStep } from './recovery-kit-step';
import { RegisterCredentialsStep } from './register-credentials-step';
import { RegisterEmailStep } from './register-email-step';
import type { SentCode } from './sent-code';

export interface CodeRequest {
  email: string;
  privacyVersion: string;
  sent: SentCode;
}

type Step =
  | { name: 'email'; email: string }
  | { name: 'credentials'; request: CodeRequest }
  | { name: 'kit'; email: string; result: RegistrationResult };

/**
 * Registration: e-mail and privacy-policy consent → the code from the e-mail and a password →
 * the Recovery Kit, saved and one group retyped. Only then is the member signed in
 * (`sessionStore.signedIn`) and `onRegistered` called.
 */
export function RegisterFlow({
  onRegistered,
  onKitShown,
}: {
  onRegistered: (member: MemberClient) => void;
  /** Whether the Recovery Kit is on screen (a host hides what would leave it meanwhile). */
  onKitShown?: (shown: boolean) => void;
}) {
  const [step, setStep] = useState<Step>({ name: 'email', email: '' });
  const kitShown = step.name === 'kit';
  useEffect(() => onKitShown?.(kitShown), [kitShown, onKitShown]);

  switch (step.name) {
    case 'email':
      return (
        <RegisterEmailStep
          initialEmail={step.email}
          onCodeSent={(request) => setStep({ name: 'credentials', request })}
        />
      );
    case 'credentials':
      return (
        <RegisterCredentialsStep
          request={step.request}
          onOtherEmail={() => setStep({ name: 'email', email: step.request.email })}
          onRegistered={(result) => setStep({ name: 'kit', email: step.request.email, result })}
        />
      );
    case 'kit':
      return (
        <RecoveryKitStep
          kit={step.result.recoveryKit}
          email={step.email}
          onConfirmed={async () => {
            onRegistered(
              await sessionStore.signedIn(step.result, {
                email: step.email,
                recoveryKitSaved: true,
              }),
            );
          }}
        />
      );
  }
}
