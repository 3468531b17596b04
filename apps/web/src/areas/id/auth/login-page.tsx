import { Alert, Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthPage } from './auth-page';
import { LoginForm } from './login-form';
import { useSignedOutGate } from './signed-out-gate';

/** `/id/login`: sign in, then back to `?next=` (a path under /id/) or to the card. */
export function LoginPage() {
  const { t } = useTranslation('id');
  const { gate, ended, params, goNext } = useSignedOutGate();

  if (gate) return gate;
  return (
    <AuthPage title={t('auth.login.title')}>
      {ended && (
        <Alert variant="light" color="yellow" role="alert">
          {t('auth.login.ended')}
        </Alert>
      )}
      <Text>{t('auth.login.intro')}</Text>
      <LoginForm onSignedIn={goNext} />
      <Text size="sm">
        {t('auth.login.noAccount')}{' '}
        <Anchor component={Link} to={{ pathname: '/id/register', search: params.toString() }}>
          {t('auth.login.register')}
        </Anchor>
      </Text>
    </AuthPage>
  );
}
