import { Alert, Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { PageLoader } from '../../../components/page-loader';
import { useSession } from '../session/use-session';
import { AuthPage } from './auth-page';
import { LoginForm } from './login-form';
import { nextPath } from './next-path';

/** `/id/login`: sign in, then back to `?next=` (a path under /id/) or to the card. */
export function LoginPage() {
  const { t } = useTranslation('id');
  const state = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = nextPath(params.get('next'));

  if (state.status === 'loading') return <PageLoader />;
  // A locked session opens with the password on the page it protects.
  if (state.status !== 'signed-out') return <Navigate to={next} replace />;
  return (
    <AuthPage title={t('auth.login.title')}>
      {state.ended && (
        <Alert variant="light" color="yellow" role="alert">
          {t('auth.login.ended')}
        </Alert>
      )}
      <Text>{t('auth.login.intro')}</Text>
      <LoginForm onSignedIn={() => void navigate(next, { replace: true })} />
      <Text size="sm">
        {t('auth.login.noAccount')}{' '}
        <Anchor component={Link} to={{ pathname: '/id/register', search: params.toString() }}>
          {t('auth.login.register')}
        </Anchor>
      </Text>
    </AuthPage>
  );
}
