import { WEBHOOK_ENDPOINTS_MAX } from '@cardcoop/contracts';
import type { WebhookEndpoint, WebhookEndpointWithSecret } from '@cardcoop/contracts';
import { Alert, Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../id/common/confirm-dialog';
import { useDialogAction } from '../../id/common/use-dialog-action';
import { serverError } from '../../../components/server-error';
import { useCoop } from '../coop-context';
import { canChange } from '../coop-sections';
import { QueryState } from '../../../components/query-state';
import { SecretOnce } from '../../../components/secret-once';
import { SectionPage } from '../section-page';
import { useStepUp } from '../step-up';
import { actionError } from '../../../components/step-up';
import { EndpointForm } from './endpoint-form';
import { EndpointItem } from './endpoint-item';
import { useEndpoints, useWebhooksClient, useWebhooksKey } from './use-webhooks';

/**
 * `/business/:coopname/webhooks`: the cooperative's endpoints (at most 5), each with its events,
 * status and delivery log; owners and admins add, change, test and delete them and replace a
 * secret (step-up). A new secret is shown once.
 */
export function WebhooksPage() {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const coop = useCoop();
  const { coopname } = coop;
  const client = useWebhooksClient();
  const queries = useQueryClient();
  const baseKey = useWebhooksKey(coopname);
  const { query, refresh } = useEndpoints(coopname);
  const { guard, dialog } = useStepUp();
  const [secret, setSecret] = useState<WebhookEndpointWithSecret>();
  const [removing, setRemoving] = useState<WebhookEndpoint>();
  const [rotating, setRotating] = useState<WebhookEndpoint>();
  const manage = canChange(coop.role);

  const removal = useDialogAction({
    item: removing,
    run: (endpoint: WebhookEndpoint) => client.remove(coopname, endpoint.id),
    describe: (error) => serverError(error, tId),
    onDone: () => {
      setRemoving(undefined);
      void refresh();
    },
    onCancel: () => setRemoving(undefined),
  });

  // The old secret stops signing at once: asked first, then a fresh second factor (step-up).
  const rotation = useDialogAction({
    item: rotating,
    run: async (endpoint: WebhookEndpoint) =>
      setSecret(await guard(() => client.rotateSecret(coopname, endpoint.id))),
    describe: (error) => actionError(error, (e) => serverError(e, tId)) ?? '',
    onDone: () => setRotating(undefined),
    onCancel: () => setRotating(undefined),
  });

  const actionsFor = (endpoint: WebhookEndpoint) => ({
    update: async (change: Parameters<typeof client.update>[2]) => {
      await client.update(coopname, endpoint.id, change);
      await refresh();
    },
    test: async () => {
      const result = await client.test(coopname, endpoint.id);
      void queries.invalidateQueries({ queryKey: [...baseKey, 'deliveries', endpoint.id] });
      return result;
    },
    rotate: () => setRotating(endpoint),
    remove: () => setRemoving(endpoint),
  });

  return (
    <SectionPage title={t('webhooks.title')} lead={t('webhooks.lead')}>
      {!manage && <Alert color="blue">{t('webhooks.readOnly')}</Alert>}
      {secret && (
        <Paper
          withBorder
          p={{ base: 'sm', sm: 'md' }}
          component="section"
          aria-label={t('webhooks.secret.title')}
        >
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('webhooks.secret.title')}
            </Title>
            <SecretOnce
              label={t('webhooks.secret.label', { url: secret.url })}
              secret={secret.secret}
            />
            <Button
              variant="default"
              onClick={() => setSecret(undefined)}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('webhooks.secret.done')}
            </Button>
          </Stack>
        </Paper>
      )}
      <QueryState query={query}>
        {(endpoints) => (
          <Stack gap="lg">
            <section aria-labelledby="webhooks-list">
              <Title order={2} size="h4" id="webhooks-list" mb="sm">
                {t('webhooks.list.title')}
              </Title>
              {endpoints.length === 0 ? (
                <Text>{t('webhooks.list.empty')}</Text>
              ) : (
                <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
                  {endpoints.map((endpoint) => (
                    <EndpointItem
                      key={endpoint.id}
                      coopname={coopname}
                      endpoint={endpoint}
                      manage={manage}
                      actions={actionsFor(endpoint)}
                    />
                  ))}
                </Stack>
              )}
            </section>
            {manage && (
              <Paper
                component="section"
                aria-labelledby="webhooks-create"
                withBorder
                p={{ base: 'sm', sm: 'md' }}
              >
                <Title order={2} size="h4" id="webhooks-create" mb="sm">
                  {t('webhooks.create.title')}
                </Title>
                {endpoints.length >= WEBHOOK_ENDPOINTS_MAX ? (
                  <Text>{t('webhooks.create.limit', { max: WEBHOOK_ENDPOINTS_MAX })}</Text>
                ) : (
                  <EndpointForm
                    key={endpoints.length}
                    id="webhook-new"
                    submitLabel={t('webhooks.create.submit')}
                    busyLabel={t('webhooks.create.busy')}
                    onSubmit={async (value) => {
                      setSecret(await client.create(coopname, value));
                      await refresh();
                    }}
                  />
                )}
              </Paper>
            )}
          </Stack>
        )}
      </QueryState>
      <Paper
        component="section"
        aria-labelledby="webhooks-help"
        withBorder
        p={{ base: 'sm', sm: 'md' }}
      >
        <Stack gap="xs">
          <Title order={2} size="h4" id="webhooks-help">
            {t('webhooks.help.title')}
          </Title>
          <Text size="sm">{t('webhooks.help.text')}</Text>
          <Anchor href="/api/docs" target="_blank" rel="noopener" size="sm">
            {t('webhooks.help.docs')}
          </Anchor>
        </Stack>
      </Paper>
      <ConfirmDialog
        opened={removing !== undefined}
        title={t('webhooks.remove.title')}
        text={t('webhooks.remove.text', { url: removing?.url ?? '' })}
        confirmLabel={t('webhooks.actions.remove')}
        busy={removal.busy}
        error={removal.error}
        onConfirm={removal.confirm}
        onCancel={removal.cancel}
      />
      <ConfirmDialog
        opened={rotating !== undefined}
        title={t('webhooks.rotate.title')}
        text={t('webhooks.rotate.text', { url: rotating?.url ?? '' })}
        confirmLabel={t('webhooks.rotate.confirm')}
        busy={rotation.busy}
        error={rotation.error}
        onConfirm={rotation.confirm}
        onCancel={rotation.cancel}
      />
      {dialog}
    </SectionPage>
  );
}
