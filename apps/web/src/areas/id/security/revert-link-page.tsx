import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthPage } from '../auth/auth-page';
import { FormError } from '../auth/form-error';
import { ProgressNote } from '../auth/progress-note';
import { securityError } from './security-error';
import { useLinkToken } from './use-link-token';

/**
 * A page behind a single-use link mailed to the owner that undoes a change (`?token=…`). It acts
 * on a click only, never on opening the link (mail scanners open links too). `texts` names the
 * message group: title, text, submit, done.
 */
export function RevertLinkPage({
  texts,
  revert: run,
}: {
  texts: 'revert' | 'revertTotp';
  revert: (token: string) => Promise<void>;
}) {
  const { t } = useTranslation('id');
  const token = useLinkToken();
  const revert = useMutation({ mutationFn: () => run(token) });

  return (
    <AuthPage title={t(`security.${texts}.title`)}>
      {revert.isSuccess ? (
        <Stack>
          <Alert color="green" role="status">
            {t(`security.${texts}.done`)}
          </Alert>
          <Anchor component={Link} to="/id/login">
            {t('security.revert.toLogin')}
          </Anchor>
        </Stack>
      ) : (
        <Stack>
          <Text>{t(`security.${texts}.text`)}</Text>
          <FormError message={revert.isError ? securityError(revert.error, t) : undefined} />
          <ProgressNote text={revert.isPending ? t('common.progress.working') : undefined} />
          <Button onClick={() => revert.mutate()} loading={revert.isPending} disabled={!token}>
            {t(`security.${texts}.submit`)}
          </Button>
        </Stack>
      )}
    </AuthPage>
  );
}
