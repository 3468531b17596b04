import { WEBHOOK_EVENT_TYPES, webhookUrlSchema } from '@cardcoop/contracts';
import type { WebhookEndpointCreate, WebhookEventType } from '@cardcoop/contracts';
import { CardCoopError } from '@cardcoop/sdk';
import { Button, Checkbox, Group, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../id/auth/form-error';
import { ProgressNote } from '../../id/auth/progress-note';
import { serverError } from '../../../components/server-error';
import { actionError } from '../../../components/step-up';

/**
 * An endpoint's URL and its events, checked in the page first; the server's refusal of the URL
 * (private target, bad address) is shown under the URL field.
 */
export function EndpointForm({
  id,
  initial,
  submitLabel,
  busyLabel,
  onSubmit,
  onCancel,
}: {
  id: string;
  initial?: WebhookEndpointCreate;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (value: WebhookEndpointCreate) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const [url, setUrl] = useState(initial?.url ?? '');
  const [events, setEvents] = useState<string[]>(initial?.events ?? []);
  const [errors, setErrors] = useState<{ url?: string; events?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!webhookUrlSchema.safeParse(url.trim()).success) next.url = t('webhooks.url.invalid');
    if (events.length === 0) next.events = t('webhooks.events.required');
    setErrors(next);
    if (next.url || next.events) return;
    setBusy(true);
    try {
      await onSubmit({ url: url.trim(), events: events as WebhookEventType[] });
    } catch (failure) {
      const message = actionError(failure, (e) => serverError(e, tId));
      const aboutUrl =
        failure instanceof CardCoopError &&
        (failure.code === 'WEBHOOK_URL_REFUSED' ||
          failure.details.issues?.some((issue) => /(^|\.)url$/.test(issue.path)));
      setErrors(aboutUrl ? { url: message } : { form: message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <TextInput
          id={`${id}-url`}
          label={t('webhooks.url.label')}
          description={t('webhooks.url.hint')}
          value={url}
          onChange={(event) => setUrl(event.currentTarget.value)}
          error={errors.url}
          type="url"
          inputMode="url"
          autoComplete="off"
          required
        />
        <Checkbox.Group
          id={`${id}-events`}
          label={t('webhooks.events.label')}
          value={events}
          onChange={setEvents}
          error={errors.events}
          withAsterisk
        >
          <Stack gap={6} mt={6}>
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <Checkbox key={type} value={type} label={t(`webhooks.events.${type}`)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <FormError message={errors.form} />
        <ProgressNote text={busy ? busyLabel : undefined} />
        <Group gap="sm">
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={busy}>
              {t('webhooks.actions.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
