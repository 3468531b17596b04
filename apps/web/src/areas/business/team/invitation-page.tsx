import type { InvitationAccepted } from '@cardcoop/contracts';
import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { FormError } from '../../id/auth/form-error';
import { ProgressNote } from '../../id/auth/progress-note';
import { useFormatDate } from '../../id/common/format-date';
import { serverError } from '../../../components/server-error';
import { QueryState } from '../../../components/query-state';
import { useBusiness } from '../use-business';

/**
 * `/business/invitations/:token`: the link from the invitation e-mail. The signed-in member sees
 * the cooperative and the role, and accepts (the invitation is bound to them then).
 */
export function InvitationPage() {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  usePageTitle(t('invitation.title'));
  const { token = '' } = useParams();
  const api = useBusiness();
  const queries = useQueryClient();
  const formatDate = useFormatDate();
  const preview = useQuery({
    queryKey: ['business', 'invitation', token],
    queryFn: () => api.invitation(token),
    retry: false,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [accepted, setAccepted] = useState<InvitationAccepted>();

  const accept = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setAccepted(await api.acceptInvitation(token));
      // Everything the new role changes, but not this invitation: it is spent now (404), and the
      // page must keep showing it with the way to the cooperative.
      void queries.invalidateQueries({
        queryKey: ['business'],
        predicate: (query) => query.queryKey[1] !== 'invitation',
      });
    } catch (failure) {
      setError(serverError(failure, tId));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={640} gap="lg">
      <Title order={1}>{t('invitation.title')}</Title>
      <QueryState query={preview}>
        {(invitation) => (
          <Paper withBorder p="md">
            <Stack>
              <Text fw={600}>
                {invitation.display_name} ({invitation.coopname})
              </Text>
              <Text>
                {t('team.role')}: {t(`roles.${invitation.role}`)} ·{' '}
                {t('team.expires', { date: formatDate(invitation.expires_at) })}
              </Text>
              {accepted ? (
                <>
                  <Alert color="teal" role="status">
                    {t('invitation.accepted', { coopname: invitation.display_name })}
                  </Alert>
                  <div>
                    <Button component={Link} to={`/business/${accepted.coopname}`}>
                      {t('invitation.open')}
                    </Button>
                  </div>
                </>
              ) : (
                <>
                  <FormError message={error} />
                  <ProgressNote text={busy ? t('invitation.accepting') : undefined} />
                  <div>
                    <Button onClick={() => void accept()} loading={busy}>
                      {t('invitation.accept')}
                    </Button>
                  </div>
                </>
              )}
            </Stack>
          </Paper>
        )}
      </QueryState>
    </Stack>
  );
}
