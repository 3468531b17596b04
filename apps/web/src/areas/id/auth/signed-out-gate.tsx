import type { ReactNode } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { PageLoader } from '../../../components/page-loader';
import { useSession } from '../session/use-session';
import { nextPath } from './next-path';

/**
 * What a page for signed-out visitors (login, registration) needs: whether the session ended
 * elsewhere, the query (to pass `?next=` on) and the way to `?next=` once signed in. `gate`,
 * when set, is shown instead of the page: a loader while the session loads, or the way on for
 * someone already signed in (a locked session opens with the password on the page it protects).
 */
export function useSignedOutGate(): {
  gate: ReactNode;
  ended: boolean;
  params: URLSearchParams;
  goNext: () => void;
} {
  const state = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = nextPath(params.get('next'));
  let gate: ReactNode;
  if (state.status === 'loading') gate = <PageLoader />;
  else if (state.status !== 'signed-out') gate = <Navigate to={next} replace />;
  return {
    gate,
    ended: state.status === 'signed-out' && state.ended === true,
    params,
    goNext: () => void navigate(next, { replace: true }),
  };
}
