import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../../components/use-page-title';
import { PasswordField } from '../auth/password-field';
import { errorMessage } from '../common/error-message';
import { sessionStore } from './session-store';

/** After a reload: the session is alive but the user key is gone until the password opens it. */
export function LockedScreen() {
  const { t } = useTranslation('id');
  usePageTitle(t('common.locked.title'));
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

  return (
    <Paper withBorder p="lg" maw={480} mx="auto">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Title order={1} size="h2">
            {t('common.locked.title')}
          </Title>
          <Text>{t('common.locked.text')}</Text>
          <PasswordField
            label={t('common.locked.password')}
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={failed && errorMessage(failed.failure, t)}
            required
            data-autofocus
          />
          <Button type="submit" loading={busy} disabled={!password}>
            {t('common.locked.unlock')}
          </Button>
          {busy && (
            <Alert role="status" variant="light">
              {t('common.progress.keys')}
            </Alert>
          )}
          <Button variant="subtle" onClick={() => void sessionStore.logout()} disabled={busy}>
            {t('common.locked.other')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
