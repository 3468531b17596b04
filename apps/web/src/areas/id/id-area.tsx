import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page';
import { PageLoader } from '../../components/page-loader';
import { AccessPage } from './access/access-page';
import { ConnectPage } from './access/connect-page';
import { ForgotPage } from './auth/forgot-page';
import { LoginPage } from './auth/login-page';
import { RegisterPage } from './auth/register-page';
import { AccountsPage } from './card/accounts-page';
import { CardPage } from './card/card-page';
import { IdLayout } from './id-layout';
import './messages';
import { SecurityPage } from './security/security-page';
import { RequireUnlocked } from './session/require-unlocked';
import { useSession } from './session/use-session';

/** `/id`: the card for a signed-in member, the login page otherwise. */
function IdHome() {
  const state = useSession();
  if (state.status === 'loading') return <PageLoader />;
  return <Navigate to={state.status === 'signed-out' ? '/id/login' : '/id/card'} replace />;
}

const unlocked = (page: ReactNode) => <RequireUnlocked>{page}</RequireUnlocked>;

// Lazy route module for /id/* (the embed route, /id/embed, has its own compact entry).
export function Component() {
  return (
    <Routes>
      <Route element={<IdLayout />}>
        <Route index element={<IdHome />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="forgot" element={<ForgotPage />} />
        <Route path="connect" element={<ConnectPage />} />
        <Route path="card" element={unlocked(<CardPage />)} />
        <Route path="accounts" element={unlocked(<AccountsPage />)} />
        <Route path="access" element={unlocked(<AccessPage />)} />
        <Route path="security" element={unlocked(<SecurityPage />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

Component.displayName = 'IdArea';
