import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { GrantItem } from './grant-item';
import type { Grant } from './use-grants';

interface GrantListProps {
  grants: Grant[];
  onRevoke: (grant: Grant) => void;
}

const ListOf = ({ grants, onRevoke }: GrantListProps) => (
  <Stack component="ul" gap="md" p={0} m={0} style={{ listStyle: 'none' }}>
    {grants.map((grant) => (
      <GrantItem
        key={`${grant.coopname} ${grant.username} ${grant.shared_at}`}
        grant={grant}
        onRevoke={() => onRevoke(grant)}
      />
    ))}
  </Stack>
);

/** The live grants first (each with its revoke button), then the revoked ones as history. */
export function GrantList({ grants, onRevoke }: GrantListProps) {
  const { t } = useTranslation('id');
  if (grants.length === 0) return <Text c="dimmed">{t('access.page.empty')}</Text>;
  const live = grants.filter((grant) => !grant.revoked_at);
  const revoked = grants.filter((grant) => grant.revoked_at);
  return (
    <>
      <Stack gap="sm" component="section" aria-labelledby="grants-live-title">
        <Title order={2} size="h3" id="grants-live-title">
          {t('access.page.live')}
        </Title>
        {live.length === 0 ? (
          <Text c="dimmed">{t('access.page.noneLive')}</Text>
        ) : (
          <ListOf grants={live} onRevoke={onRevoke} />
        )}
      </Stack>
      {revoked.length > 0 && (
        <Stack gap="sm" component="section" aria-labelledby="grants-history-title">
          <Title order={2} size="h3" id="grants-history-title">
            {t('access.page.history')}
          </Title>
          <ListOf grants={revoked} onRevoke={onRevoke} />
        </Stack>
      )}
    </>
  );
}
