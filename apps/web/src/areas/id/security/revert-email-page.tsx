import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { cardcoop } from '../../../lib/cardcoop';
import { AuthPage } from '../auth/auth-page';
import { FormError } from '../auth/form-error';
import { ProgressNote } from '../auth/progress-note';
import { securityError } from './security-error';
import { useLinkToken } from './use-link-token';

/**
 * `/id/revert-email?token=…`, from the mail to the old address: takes the account back to that
 * address and ends every session. Runs on a click only, never on opening the link (mail
 * scanners open links too).
 */
export function RevertEmailPage() {
  const { t } = useTranslation('id');
  const token = useLinkToken();
  const revert = useMutation({ mutationFn: () => cardcoop.auth.revertEmailChange(token) });

  return (
    <AuthPage title={t('security.revert.title')}>
      {revert.isSuccess ? (
        <Stack>
          <Alert color="green" role="status">
            {t('security.revert.done')}
          </Alert>
          <Anchor component={Link} to="/id/login">
            {t('security.revert.toLogin')}
          </Anchor>
        </Stack>
      ) : (
        <Stack>
          <Text>{t('security.revert.text')}</Text>
          <FormError message={revert.isError ? securityError(revert.error, t) : undefined} />
          <ProgressNote text={revert.isPending ? t('common.progress.working') : undefined} />
          <Button onClick={() => revert.mutate()} loading={revert.isPending} disabled={!token}>
            {t('security.revert.submit')}
          </Button>
        </Stack>
      )}
    </AuthPage>
  );
}
