import type { AdminCooperative, CooperativeClaim } from '@cardcoop/contracts';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../id/auth/form-error';
import { SectionHeader } from './admin-layout';
import { ReasonDialog } from './dialogs';
import { formatInstant } from './format';
import { QueryState } from '../../components/query-state';
import { StatusTag } from './status-tag';
import { useAction } from './use-action';
import { usePlatform } from './use-platform';

const listStyle = { listStyle: 'none' } as const;

/** `/admin/cooperatives`: pending ownership claims (approve, reject) and the registry. */
export function CooperativesPage() {
  const { t } = useTranslation('admin');
  const { platform } = usePlatform();
  const claims = useQuery({
    queryKey: ['admin', 'claims'],
    queryFn: () => platform.claims.list('pending'),
  });
  const registry = useQuery({
    queryKey: ['admin', 'cooperatives'],
    queryFn: () => platform.cooperatives.list(),
  });
  // Told here: a decided claim leaves the queue of pending ones.
  const [decided, setDecided] = useState<() => string>();
  return (
    <Stack gap="lg">
      <SectionHeader title={t('nav.cooperatives')} lead={t('cooperatives.lead')} />
      {decided && (
        <Alert color="green" role="status">
          {decided()}
        </Alert>
      )}
      <section aria-labelledby="admin-claims">
        <Title order={2} size="h3" id="admin-claims" mb="sm">
          {t('cooperatives.claims')}
        </Title>
        <QueryState query={claims}>
          {(list) =>
            list.length === 0 ? (
              <Text>{t('cooperatives.claimsEmpty')}</Text>
            ) : (
              <Stack component="ul" gap="sm" p={0} m={0} style={listStyle}>
                {list.map((claim) => (
                  <ClaimItem
                    key={claim.id}
                    claim={claim}
                    onDecided={(message) => setDecided(() => message)}
                  />
                ))}
              </Stack>
            )
          }
        </QueryState>
      </section>
      <section aria-labelledby="admin-registry">
        <Title order={2} size="h3" id="admin-registry" mb="sm">
          {t('cooperatives.registry')}
        </Title>
        <QueryState query={registry}>
          {(list) =>
            list.length === 0 ? (
              <Text>{t('cooperatives.registryEmpty')}</Text>
            ) : (
              <Stack component="ul" gap="sm" p={0} m={0} style={listStyle}>
                {list.map((cooperative) => (
                  <RegistryItem key={cooperative.coopname} cooperative={cooperative} />
                ))}
              </Stack>
            )
          }
        </QueryState>
      </section>
    </Stack>
  );
}

function ClaimItem({
  claim,
  onDecided,
}: {
  claim: CooperativeClaim;
  onDecided: (message: () => string) => void;
}) {
  const { t, i18n } = useTranslation('admin');
  const { platform } = usePlatform();
  const queries = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const settle = async (message: () => string) => {
    onDecided(message);
    await queries.invalidateQueries({ queryKey: ['admin', 'claims'] });
    await queries.invalidateQueries({ queryKey: ['admin', 'cooperatives'] });
  };
  const approve = useAction(async () => {
    await platform.claims.approve(claim.coopname);
    await settle(() => t('cooperatives.approved', { name: claim.display_name }));
  });
  const name = claim.display_name;
  return (
    <Paper component="li" withBorder p="md">
      <Stack gap="xs">
        <Group gap="xs">
          <Text fw={600}>{name}</Text>
          <Text size="sm" c="dimmed">
            {claim.coopname}
          </Text>
        </Group>
        <Text size="sm">
          {t('cooperatives.requested', { at: formatInstant(claim.requested_at, i18n.language) })}
        </Text>
        {claim.requested_by && (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {t('cooperatives.requestedBy', { id: claim.requested_by })}
          </Text>
        )}
        {claim.note && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {t('cooperatives.note', { note: claim.note })}
          </Text>
        )}
        <Group gap="sm">
          <Button loading={approve.busy} onClick={() => void approve.run()}>
            {t('cooperatives.approve')}
          </Button>
          <Button variant="default" onClick={() => setRejecting(true)}>
            {t('cooperatives.reject')}
          </Button>
        </Group>
        <FormError message={approve.error} />
      </Stack>
      <ReasonDialog
        opened={rejecting}
        title={t('cooperatives.rejectTitle', { name })}
        submitLabel={t('cooperatives.reject')}
        maxLength={1000}
        onSubmit={async (reason) => {
          await platform.claims.reject(claim.coopname, reason);
          await settle(() => t('cooperatives.rejected', { name }));
        }}
        onClose={() => setRejecting(false)}
      />
    </Paper>
  );
}

function RegistryItem({ cooperative }: { cooperative: AdminCooperative }) {
  const { t } = useTranslation('admin');
  return (
    <Paper component="li" withBorder p="md">
      <Group justify="space-between" gap="sm">
        <Stack gap={4} miw={0}>
          <Text fw={600}>{cooperative.display_name}</Text>
          <Text size="sm" c="dimmed">
            {cooperative.coopname}
            {cooperative.legal_name ? ` · ${cooperative.legal_name}` : ''}
          </Text>
        </Stack>
        <Group gap="xs">
          <StatusTag color={cooperative.status === 'active' ? 'green' : 'red'}>
            {t(`cooperatives.status.${cooperative.status}`)}
          </StatusTag>
          <StatusTag color="indigo">{t(`cooperatives.level.${cooperative.level}`)}</StatusTag>
          <StatusTag color="gray">
            {t(cooperative.data_key ? 'cooperatives.dataKey' : 'cooperatives.noDataKey')}
          </StatusTag>
        </Group>
      </Group>
    </Paper>
  );
}
