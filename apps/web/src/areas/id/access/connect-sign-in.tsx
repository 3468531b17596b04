import { Stack, Tabs, Text } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../../components/page-loader';
import { LoginForm } from '../auth/login-form';
import { DeclineButton } from './connect-steps';
import { StepHeading } from '../common/step-heading';

// Most members come to sign in: registration (with its password checks, the privacy policy's
// query and the Recovery Kit) loads only when its tab is opened, which keeps the embed entry
// small. Like the id area's pages, it brings the query cache with it.
const RegisterFlow = lazy(async () => {
  const [{ RegisterFlow: Flow }, { withQueries }] = await Promise.all([
    import('../auth/register-flow'),
    import('../../../lib/queries'),
  ]);
  return { default: withQueries(Flow) };
});

// The session store moves the flow on once the member is signed in; nothing else to do here.
const carryOn = () => undefined;

interface ConnectSignInProps {
  embedded: boolean;
  onDecline: () => void;
}

/** Sign in, or register first; the connect request waits on this page meanwhile. */
export function ConnectSignIn({ embedded, onDecline }: ConnectSignInProps) {
  const { t } = useTranslation('id');
  // While the Recovery Kit is on screen, the sign-in tab would discard it: it is not offered.
  const [kitShown, setKitShown] = useState(false);
  return (
    <Stack>
      <StepHeading>{t('access.signIn.heading')}</StepHeading>
      {embedded && <Text size="sm">{t('access.signIn.embedNote')}</Text>}
      <Tabs defaultValue="login" keepMounted={false}>
        {!kitShown && (
          <Tabs.List grow aria-label={t('access.signIn.choose')}>
            <Tabs.Tab value="login">{t('access.signIn.login')}</Tabs.Tab>
            <Tabs.Tab value="register">{t('access.signIn.register')}</Tabs.Tab>
          </Tabs.List>
        )}
        <Tabs.Panel value="login" pt="md">
          <LoginForm onSignedIn={carryOn} />
        </Tabs.Panel>
        <Tabs.Panel value="register" pt="md">
          <Suspense fallback={<PageLoader />}>
            <RegisterFlow onRegistered={carryOn} onKitShown={setKitShown} />
          </Suspense>
        </Tabs.Panel>
      </Tabs>
      <DeclineButton onDecline={onDecline} />
    </Stack>
  );
}
