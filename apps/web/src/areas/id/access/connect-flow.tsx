import { lazy, Suspense } from 'react';
import { PageLoader } from '../../../components/page-loader';
import { LockedScreen } from '../session/locked-screen';
import { RecoveryKitGate } from '../session/recovery-kit-gate';
import { MemberProvider } from '../session/require-unlocked';
import { useSession } from '../session/use-session';
import { idMessages } from '../messages';
import type { ConnectOutcome } from './connect-outcome';
import type { ConnectRequest } from './connect-request';
import { ConnectSignIn } from './connect-sign-in';
import type { ConnectTarget } from './connect-target';

// Consent and sharing load once the member is in, with the card's messages (the consent screen
// names the card's fields): the first screen of a connect request (and of the embed) carries
// sign-in only.
const MemberConnect = lazy(async () => {
  const [module] = await Promise.all([import('./member-connect'), idMessages(['card'])]);
  return { default: module.MemberConnect };
});

interface ConnectFlowProps {
  request: ConnectRequest;
  target: ConnectTarget;
  /** Inside the cooperative's iframe: no persistent session, the card page in a new tab. */
  embedded: boolean;
  onOutcome: (outcome: ConnectOutcome) => void;
}

/**
 * A checked connect request, wherever the member stands: signed out (sign in or register
 * here), locked after a reload (the password opens the card), or unlocked (on to consent).
 * In an iframe the refresh cookie is not sent, so the member always starts signed out there.
 */
export function ConnectFlow({ request, target, embedded, onOutcome }: ConnectFlowProps) {
  const session = useSession();
  const decline = () => onOutcome({ error: 'access_denied', state: request.state });
  switch (session.status) {
    case 'loading':
      return <PageLoader />;
    case 'signed-out':
      return <ConnectSignIn embedded={embedded} onDecline={decline} />;
    case 'locked':
      return <LockedScreen />;
    case 'unlocked':
      return (
        <MemberProvider value={session.member}>
          <RecoveryKitGate member={session.member}>
            <Suspense fallback={<PageLoader />}>
              <MemberConnect
                member={session.member}
                request={request}
                target={target}
                embedded={embedded}
                onOutcome={onOutcome}
              />
            </Suspense>
          </RecoveryKitGate>
        </MemberProvider>
      );
  }
}
