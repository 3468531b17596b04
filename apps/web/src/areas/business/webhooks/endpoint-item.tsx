import type { WebhookEndpoint, WebhookEndpointUpdate } from '@cardcoop/contracts';
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverError } from '../../../components/server-error';
import { actionError } from '../../../components/step-up';
import { DeliveryLog } from './delivery-log';
import { EndpointForm } from './endpoint-form';

export interface EndpointActions {
  update: (change: WebhookEndpointUpdate) => Promise<unknown>;
  test: () => Promise<{ event_id: string }>;
  rotate: () => void;
  remove: () => void;
}

/**
 * One endpoint: its URL, events and status; managers edit, turn it on or off, send a test
 * event, replace its secret and delete it; everyone opens its delivery log.
 */
export function EndpointItem({
  coopname,
  endpoint,
  manage,
  actions,
}: {
  coopname: string;
  endpoint: WebhookEndpoint;
  manage: boolean;
  actions: EndpointActions;
}) {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const [editing, setEditing] = useState(false);
  const [showLog, setShowLog] = useState(false);
  const [busy, setBusy] = useState<'toggle' | 'test'>();
  // The test event's id (its message translated on screen), or a failure in the server's words.
  const [note, setNote] = useState<{ error: boolean; text: string }>();
  const enabled = endpoint.status === 'enabled';

  const run = async (kind: 'toggle' | 'test', action: () => Promise<string | void>) => {
    setBusy(kind);
    setNote(undefined);
    try {
      const text = await action();
      if (text) setNote({ error: false, text });
      if (kind === 'test') setShowLog(true);
    } catch (failure) {
      const text = actionError(failure, (e) => serverError(e, tId));
      if (text) setNote({ error: true, text });
    } finally {
      setBusy(undefined);
    }
  };

  const reason = endpoint.disabled_reason;
  return (
    <Paper component="li" withBorder p={{ base: 'sm', sm: 'md' }} aria-label={endpoint.url}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" align="flex-start">
          <Text fw={600} style={{ overflowWrap: 'anywhere' }} miw={0}>
            {endpoint.url}
          </Text>
          <Text size="sm" fw={700} c={enabled ? 'teal.9' : 'gray.8'}>
            {enabled ? '● ' : '○ '}
            {t(`webhooks.status.${endpoint.status}`)}
            {!enabled && reason && (reason === 'gone' || reason === 'failing' || reason === 'staff')
              ? ` · ${t(`webhooks.status.reason.${reason}`)}`
              : ''}
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          {t('webhooks.events.label')}: {endpoint.events.join(', ')}
        </Text>
        {editing ? (
          <EndpointForm
            id={`edit-${endpoint.id}`}
            initial={{ url: endpoint.url, events: endpoint.events }}
            submitLabel={t('webhooks.actions.save')}
            busyLabel={t('webhooks.actions.saving')}
            onSubmit={async (value) => {
              await actions.update(value);
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <Group gap="xs">
            {manage && (
              <>
                <Button size="compact-sm" variant="default" onClick={() => setEditing(true)}>
                  {t('webhooks.actions.edit')}
                </Button>
                <Button
                  size="compact-sm"
                  variant="default"
                  loading={busy === 'test'}
                  disabled={!enabled}
                  onClick={() =>
                    void run('test', async () => {
                      const { event_id } = await actions.test();
                      return event_id;
                    })
                  }
                >
                  {t('webhooks.actions.test')}
                </Button>
                <Button
                  size="compact-sm"
                  variant="default"
                  loading={busy === 'toggle'}
                  onClick={() =>
                    void run('toggle', async () => {
                      await actions.update({ enabled: !enabled });
                    })
                  }
                >
                  {t(enabled ? 'webhooks.actions.disable' : 'webhooks.actions.enable')}
                </Button>
                <Button size="compact-sm" variant="default" onClick={actions.rotate}>
                  {t('webhooks.actions.rotate')}
                </Button>
                <Button size="compact-sm" variant="default" color="red" onClick={actions.remove}>
                  {t('webhooks.actions.remove')}
                </Button>
              </>
            )}
            <Button
              size="compact-sm"
              variant="light"
              aria-expanded={showLog}
              onClick={() => setShowLog((open) => !open)}
            >
              {t(showLog ? 'webhooks.actions.hideDeliveries' : 'webhooks.actions.deliveries')}
            </Button>
          </Group>
        )}
        <Text size="sm" role="status" c={note?.error ? 'red.8' : 'teal.9'}>
          {note ? (note.error ? note.text : t('webhooks.actions.tested', { id: note.text })) : ''}
        </Text>
        {showLog && <DeliveryLog coopname={coopname} endpoint={endpoint} manage={manage} />}
      </Stack>
    </Paper>
  );
}
