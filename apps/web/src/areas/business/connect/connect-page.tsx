import type { ConnectedCooperative, CooperativeVerification } from '@cardcoop/contracts';
import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { SecretOnce } from '../../../components/secret-once';
import { useBusiness } from '../use-business';
import { ConnectForm } from './connect-form';
import { ProveOwnership } from './prove-ownership';

/**
 * `/business/connect`: create the cooperative's integration (the client secret shown once), then
 * prove it is the member's. `?coopname=` comes back to the proof for one already created.
 */
export function ConnectPage() {
  const { t } = useTranslation('business');
  usePageTitle(t('connect.title'));
  const [params] = useSearchParams();
  const queries = useQueryClient();
  const [created, setCreated] = useState<ConnectedCooperative>();
  const [secretSaved, setSecretSaved] = useState(false);
  const [verification, setVerification] = useState<CooperativeVerification>();
  const coopname = created?.cooperative.coopname ?? params.get('coopname') ?? undefined;
  const api = useBusiness();
  // Coming back to the proof: where it stands (a pending request, or proven meanwhile).
  const current = useQuery({
    queryKey: ['business', 'verification', coopname],
    queryFn: () => api.verification(coopname ?? ''),
    enabled: coopname !== undefined && !created,
    retry: false,
  });

  const onCreated = (answer: ConnectedCooperative) => {
    setCreated(answer);
    // The list of the member's cooperatives now holds this one.
    void queries.invalidateQueries({ queryKey: ['business'] });
  };
  const [takeoverSecret, setTakeoverSecret] = useState<string>();
  const onVerification = (answer: CooperativeVerification & { client_secret?: string | null }) => {
    setVerification(answer);
    // A proof that took the name over from someone else comes with a new secret, shown once.
    if (answer.client_secret) setTakeoverSecret(answer.client_secret);
    void queries.invalidateQueries({ queryKey: ['business'] });
  };

  return (
    <Stack maw={760} gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('connect.title')}</Title>
        <Text>{t('connect.lead')}</Text>
      </Stack>
      {!coopname && <ConnectForm onCreated={onCreated} />}
      {created && !secretSaved && (
        <Paper withBorder p="md" component="section" aria-labelledby="connect-created">
          <Stack>
            <Title order={2} size="h3" id="connect-created">
              {t('connect.created.title')}
            </Title>
            <SecretOnce label={t('connect.created.secret')} secret={created.client_secret} />
            <div>
              <Button onClick={() => setSecretSaved(true)}>{t('connect.created.saved')}</Button>
            </div>
          </Stack>
        </Paper>
      )}
      {coopname && (!created || secretSaved) && (
        <Paper withBorder p="md" component="section" aria-labelledby="connect-prove">
          <Stack>
            <Title order={2} size="h3" id="connect-prove">
              {t('connect.prove.title')}
            </Title>
            <VerificationState verification={verification ?? current.data} />
            {takeoverSecret && (
              <SecretOnce label={t('connect.created.secret')} secret={takeoverSecret} />
            )}
            {!(verification ?? current.data)?.verified_at && (
              <ProveOwnership coopname={coopname} onChange={onVerification} />
            )}
            <div>
              <Button component={Link} to={`/business/${coopname}`} variant="default">
                {t('connect.open')}
              </Button>
            </div>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function VerificationState({
  verification,
}: {
  verification: CooperativeVerification | undefined;
}) {
  const { t } = useTranslation('business');
  if (verification?.verified_at)
    return (
      <Alert color="teal" role="status">
        {t('connect.prove.done')}
      </Alert>
    );
  if (verification?.claim?.status === 'pending')
    return (
      <Alert color="blue" role="status">
        {t('connect.prove.pending')}
      </Alert>
    );
  return <Text>{t('connect.prove.lead')}</Text>;
}
