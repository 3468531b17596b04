import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthPage } from './auth-page';
import { RegisterFlow } from './register-flow';
import { useSignedOutGate } from './signed-out-gate';

/** `/id/register`: a new account, then the card (or `?next=`). */
export function RegisterPage() {
  const { t } = useTranslation('id');
  const { gate, params, goNext } = useSignedOutGate();

  if (gate) return gate;
  return (
    <AuthPage title={t('auth.register.title')}>
      <RegisterFlow onRegistered={goNext} />
      <Text size="sm">
        {t('auth.register.haveAccount')}{' '}
        <Anchor component={Link} to={{ pathname: '/id/login', search: params.toString() }}>
          {t('auth.register.login')}
        </Anchor>
      </Text>
    </AuthPage>
  );
}
