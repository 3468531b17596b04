import type { MemberClient } from '@cardcoop/sdk';
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PageLoader } from '../../../components/page-loader';
import { LockedScreen } from './locked-screen';
import { RecoveryKitGate } from './recovery-kit-gate';
import { useSession } from './use-session';

const MemberContext = createContext<MemberClient | undefined>(undefined);

/** Makes `member` the one {@link useMember} answers (the connect flow, outside the area). */
export const MemberProvider = MemberContext.Provider;

/** The signed-in, unlocked member; only inside {@link RequireUnlocked}. */
export function useMember(): MemberClient {
  const member = useContext(MemberContext);
  if (!member) throw new Error('useMember outside RequireUnlocked');
  return member;
}

/**
 * Renders its children for an unlocked member; asks for the password when the session is
 * locked, asks to save a new Recovery Kit while the current one is unconfirmed, and sends a signed-out visitor to the login page, coming back here afterwards.
 */
export function RequireUnlocked({ children }: { children: ReactNode }) {
  const state = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <PageLoader />;
  if (state.status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/id/login?${new URLSearchParams({ next })}`} replace />;
  }
  if (state.status === 'locked') return <LockedScreen />;
  return (
    <MemberContext.Provider value={state.member}>
      <RecoveryKitGate member={state.member}>{children}</RecoveryKitGate>
    </MemberContext.Provider>
  );
}
