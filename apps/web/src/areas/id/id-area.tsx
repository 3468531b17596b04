import { lazy, Suspense } from 'react';
import type { ComponentType, ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page';
import { PageLoader } from '../../components/page-loader';
import { LoginPage } from './auth/login-page';
import { ru as auth } from './auth/messages';
import { ru as common } from './common/messages';
import { IdLayout } from './id-layout';
import { idMessages } from './messages';
import type { IdPart } from './messages';
import { RequireUnlocked } from './session/require-unlocked';
import { useSession } from './session/use-session';

/** What the area's first screen (the layout, the login or locked screen) says; see router.tsx. */
export const messages = idMessages(['common', 'auth'], { common, auth });

/**
 * A page in its own chunk, with the messages of its own feature and the query cache: the area's
 * first load carries the login page only.
 */
function page<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
  parts: IdPart[] = [],
) {
  return lazy(async () => {
    const [module, { withQueries }] = await Promise.all([
      load(),
      import('../../lib/queries'),
      idMessages(parts),
    ]);
    return { default: withQueries(module[name]) };
  });
}

const RegisterPage = page(() => import('./auth/register-page'), 'RegisterPage');
const ForgotPage = page(() => import('./auth/forgot-page'), 'ForgotPage');
const CardPage = page(() => import('./card/card-page'), 'CardPage', ['card']);
const AccountsPage = page(() => import('./card/accounts-page'), 'AccountsPage', ['card', 'access']);
const AccessPage = page(() => import('./access/access-page'), 'AccessPage', ['access', 'card']);
const SecurityPage = page(() => import('./security/security-page'), 'SecurityPage', ['security']);
const RevertEmailPage = page(() => import('./security/revert-email-page'), 'RevertEmailPage', [
  'security',
]);
// On every page of a signed-in member, in a chunk of its own (its words are the area's first).
const DeletionBanner = page(() => import('./security/deletion-banner'), 'DeletionBanner');
const RevertTotpPage = page(() => import('./security/revert-totp-page'), 'RevertTotpPage', [
  'security',
]);

/** `/id`: the member's home for a signed-in member, the login page otherwise. */
function IdHome() {
  const state = useSession();
  if (state.status === 'loading') return <PageLoader />;
  return <Navigate to={state.status === 'signed-out' ? '/id/login' : '/member'} replace />;
}

const unlocked = (content: ReactNode) => (
  <RequireUnlocked>
    <Suspense fallback={null}>
      <DeletionBanner />
    </Suspense>
    {content}
  </RequireUnlocked>
);

// Lazy route module for /id/* (/id/embed and /id/connect have entries of their own, router.tsx).
export function Component() {
  return (
    <Suspense fallback={<PageLoader />}>
      <Routes>
        <Route element={<IdLayout />}>
          <Route index element={<IdHome />} />
          <Route path="register" element={<RegisterPage />} />
          <Route path="login" element={<LoginPage />} />
          <Route path="forgot" element={<ForgotPage />} />
          {/* The link mailed to the old address after an e-mail change: works signed out. */}
          <Route path="revert-email" element={<RevertEmailPage />} />
          {/* The link mailed when 2FA was turned on: undoes it, works signed out. */}
          <Route path="revert-totp" element={<RevertTotpPage />} />
          <Route path="card" element={unlocked(<CardPage />)} />
          <Route path="accounts" element={unlocked(<AccountsPage />)} />
          <Route path="access" element={unlocked(<AccessPage />)} />
          <Route path="security" element={unlocked(<SecurityPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

Component.displayName = 'IdArea';
