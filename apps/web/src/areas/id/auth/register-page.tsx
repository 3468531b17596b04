import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { PageLoader } from '../../../components/page-loader';
import { useSession } from '../session/use-session';
import { AuthPage } from './auth-page';
import { nextPath } from './next-path';
import { RegisterFlow } from './register-flow';

/** `/id/register`: a new account, then the card (or `?next=`). */
export function RegisterPage() {
  const { t } = useTranslation('id');
  const state = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = nextPath(params.get('next'));

  if (state.status === 'loading') return <PageLoader />;
  if (state.status !== 'signed-out') return <Navigate to={next} replace />;
  return (
    <AuthPage title={t('auth.register.title')}>
      <RegisterFlow onRegistered={() => void navigate(next, { replace: true })} />
      <Text size="sm">
        {t('auth.register.haveAccount')}{' '}
        <Anchor component={Link} to={{ pathname: '/id/login', search: params.toString() }}>
          {t('auth.register.login')}
        </Anchor>
      </Text>
    </AuthPage>
  );
}
