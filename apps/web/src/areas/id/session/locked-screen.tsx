import { Alert, Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { errorCode } from '../auth/auth-error';
import { PasswordField } from '../auth/password-field';
import { errorMessage } from '../common/error-message';
import { sessionStore } from './session-store';
import { useSession } from './use-session';

/**
 * After a reload: the session is alive but the user key is gone until the password opens it.
 * Names the account (the e-mail this device remembers), and lets the member forget this device:
 * the kept key and e-mail are wiped and the session ends (docs/user-guide.md).
 */
export function LockedScreen() {
  const { t } = useTranslation('id');
  usePageTitle(t('common.locked.title'));
  const state = useSession();
  const email = state.status === 'locked' ? state.email : undefined;
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  // The failure itself, translated when shown: a language switch re-renders the message.
  const [failed, setFailed] = useState<{ failure: unknown }>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailed(undefined);
    try {
      await sessionStore.unlock(password);
    } catch (failure) {
      setFailed({ failure });
      setBusy(false);
    }
  };

  // Signed out, the page this screen protected sends the visitor to the login page.
  const forget = () => {
    setBusy(true);
    void sessionStore.logout();
  };

  return (
    <Paper withBorder p={{ base: 'md', xs: 'lg' }} maw={480} mx="auto">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Title order={1} size="h2">
            {t('common.locked.title')}
          </Title>
          {email && (
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {t('common.locked.account', { email })}
            </Text>
          )}
          <Text>{t('common.locked.text')}</Text>
          <PasswordField
            label={t('common.locked.password')}
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={
              failed &&
              (errorCode(failed.failure) === 'INVALID_CREDENTIALS'
                ? t('common.locked.wrongPassword')
                : errorMessage(failed.failure, t))
            }
            required
            autoFocus
          />
          <Button type="submit" loading={busy} disabled={!password}>
            {t('common.locked.unlock')}
          </Button>
          {busy && (
            <Alert role="status" variant="light">
              {t('common.progress.keys')}
            </Alert>
          )}
          <Anchor component={Link} to="/id/forgot" size="sm">
            {t('common.locked.forgot')}
          </Anchor>
          <Stack gap={4} align="flex-start">
            <Button variant="default" onClick={forget} disabled={busy}>
              {t('common.locked.forget')}
            </Button>
            <Text size="sm" c="dimmed">
              {t('common.locked.forgetText')}
            </Text>
          </Stack>
        </Stack>
      </form>
    </Paper>
  );
}
