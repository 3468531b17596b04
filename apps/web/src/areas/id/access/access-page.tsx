import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../../components/page-loader';
import { usePageTitle } from '../../../components/use-page-title';
import { errorMessage } from '../common/error-message';
import { useMember } from '../session/require-unlocked';
import { GrantList } from './grant-list';
import { RevokeDialog } from './revoke-dialog';
import { useGrants } from './use-grants';
import type { Grant } from './use-grants';

/**
 * `/id/access`: the cooperatives holding the member's data, which fields, since when, when they
 * last read it and how often; revoking deletes the stored copy and ends the cooperative's
 * access, and the grant stays listed as revoked.
 */
export function AccessPage() {
  const { t } = useTranslation('id');
  usePageTitle(t('access.page.title'));
  const member = useMember();
  const { list, reload } = useGrants(member);
  const [revoking, setRevoking] = useState<Grant>();
  const [revoked, setRevoked] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  // The revoked grant's button is gone with it: the focus goes back to the top of the page.
  useEffect(() => {
    if (revoked && list.status === 'loaded') heading.current?.focus();
  }, [revoked, list]);

  return (
    <Stack maw={760} gap="lg">
      <Title order={1} ref={heading} tabIndex={-1}>
        {t('access.page.title')}
      </Title>
      <Text>{t('access.page.lead')}</Text>
      <div role="status">
        {revoked && (
          <Alert color="green" variant="light" withCloseButton={false}>
            {t('access.page.revoked', { cooperative: revoked })}
          </Alert>
        )}
      </div>
      {list.status === 'loading' && <PageLoader />}
      {list.status === 'failed' && (
        <Alert color="red" role="alert" title={t('common.errors.title')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{errorMessage(list.error, t)}</Text>
            <Button size="xs" variant="default" onClick={reload}>
              {t('access.page.retry')}
            </Button>
          </Stack>
        </Alert>
      )}
      {list.status === 'loaded' && <GrantList grants={list.grants} onRevoke={setRevoking} />}
      <RevokeDialog
        member={member}
        grant={revoking}
        onClose={() => setRevoking(undefined)}
        onRevoked={(grant) => {
          setRevoking(undefined);
          setRevoked(grant.display_name);
          reload();
        }}
      />
    </Stack>
  );
}
