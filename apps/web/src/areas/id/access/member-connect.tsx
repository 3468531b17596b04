import { CardCoopError } from '@cardcoop/sdk';
import type { MemberClient } from '@cardcoop/sdk';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../common/error-message';
import type { ConnectOutcome } from './connect-outcome';
import type { ConnectRequest } from './connect-request';
import { FailedStep, NoCardStep, NotMemberStep } from './connect-steps';
import type { ConnectTarget } from './connect-target';
import { ConsentScreen } from './consent-screen';
import { FlowProgress } from './flow-progress';
import { usePreparation } from './prepare-connect';
import { mayRenewSilently } from './quick-entry';
import { RenewalStep } from './renewal-step';

interface MemberConnectProps {
  member: MemberClient;
  request: ConnectRequest;
  target: ConnectTarget;
  embedded: boolean;
  onOutcome: (outcome: ConnectOutcome) => void;
}

/**
 * The unlocked member's part of a connect request: card and the cooperative's key made ready,
 * then consent; on accept the consented fields are signed and sealed here (the SDK opens the
 * member's account there first, in the same request, when there is none) and the ticket comes
 * back. Declining sends the cooperative `access_denied` and creates nothing; a decline on the
 * consent screen is recorded in the member's history. With `prompt=none` (quick entry, ADR 018)
 * and a live grant that covers every requested field the card holds, those fields are shared
 * again without the consent screen — outside an iframe only; if that fails, the consent screen
 * shows why.
 */
export function MemberConnect({
  member,
  request,
  target,
  embedded,
  onOutcome,
}: MemberConnectProps) {
  const { t } = useTranslation('id');
  const quickEntry = request.prompt === 'none' && mayRenewSilently(embedded);
  const { preparation, retry } = usePreparation(member, target, quickEntry);
  const [pending, setPending] = useState<'share' | 'decline'>();
  const [shareError, setShareError] = useState<string>();
  const [renewFailed, setRenewFailed] = useState(false);
  const decline = () => onOutcome({ error: 'access_denied', state: request.state });

  switch (preparation.status) {
    case 'working':
      return <FlowProgress>{t(`access.steps.${preparation.step}`)}</FlowProgress>;
    case 'no-card':
      return <NoCardStep embedded={embedded} onRetry={retry} onDecline={decline} />;
    case 'not-member':
      return <NotMemberStep cooperative={target.display_name} onDecline={decline} />;
    case 'failed':
      return <FailedStep error={preparation.error} onRetry={retry} onDecline={decline} />;
    case 'ready': {
      const { access } = preparation;
      const accept = async (fields: string[], prompt?: 'none') => {
        setPending('share');
        setShareError(undefined);
        try {
          const issued = await member.access.share({
            prepared: access.prepared,
            fields,
            redirectUri: request.redirectUri,
            responseMode: request.responseMode,
            state: request.state,
            codeChallenge: request.codeChallenge,
            ...(prompt ? { prompt } : {}),
          });
          onOutcome({ ticket: issued.ticket, state: request.state });
        } catch (error) {
          setPending(undefined);
          setRenewFailed(true);
          // An account opened meanwhile (another tab or device): consent again under it.
          if (error instanceof CardCoopError && error.code === 'ACCOUNT_EXISTS') {
            setShareError(t('access.consent.accountOpenedMeanwhile'));
            retry();
            return;
          }
          setShareError(errorMessage(error, t));
        }
      };
      if (preparation.renew && !renewFailed) {
        return (
          <RenewalStep
            fields={preparation.renew}
            onRenew={(fields) => void accept(fields, 'none')}
          />
        );
      }
      const refuse = async () => {
        setPending('decline');
        // Recorded in the member's history; the member's "no" goes to the cooperative whether
        // or not the record could be made.
        await member.access.refuse(target.coopname).catch(() => undefined);
        decline();
      };
      return (
        <ConsentScreen
          access={access}
          card={preparation.card}
          pending={pending}
          failure={shareError}
          onAccept={(fields) => void accept(fields)}
          onDecline={() => void refuse()}
        />
      );
    }
  }
}
