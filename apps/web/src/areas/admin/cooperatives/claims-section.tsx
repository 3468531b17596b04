import type { CooperativeClaim } from '@cardcoop/contracts';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/query-state';
import { FormError } from '../../id/auth/form-error';
import { ReasonDialog } from '../dialogs';
import { formatInstant } from '../format';
import { useAction } from '../use-action';
import { usePlatform } from '../use-platform';
import { REGISTRY_KEY } from './registry-key';
import type { Told } from './told';

const listStyle = { listStyle: 'none' } as const;

/** Pending ownership claims of cooperatives connected without a chain: approve or reject. */
export function ClaimsSection({ onDecided }: { onDecided: (message: Told) => void }) {
  const { t } = useTranslation('admin');
  const { platform } = usePlatform();
  const claims = useQuery({
    queryKey: ['admin', 'claims'],
    queryFn: () => platform.claims.list('pending'),
  });
  return (
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
                <ClaimItem key={claim.id} claim={claim} onDecided={onDecided} />
              ))}
            </Stack>
          )
        }
      </QueryState>
    </section>
  );
}

function ClaimItem({
  claim,
  onDecided,
}: {
  claim: CooperativeClaim;
  onDecided: (message: Told) => void;
}) {
  const { t, i18n } = useTranslation('admin');
  const { platform } = usePlatform();
  const queries = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const settle = async (message: Told) => {
    onDecided(message);
    await queries.invalidateQueries({ queryKey: ['admin', 'claims'] });
    await queries.invalidateQueries({ queryKey: REGISTRY_KEY });
  };
  const approve = useAction(async () => {
    await platform.claims.approve(claim.coopname);
    await settle((say) => say('cooperatives.approved', { name: claim.display_name }));
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
          await settle((say) => say('cooperatives.rejected', { name }));
        }}
        onClose={() => setRejecting(false)}
      />
    </Paper>
  );
}
