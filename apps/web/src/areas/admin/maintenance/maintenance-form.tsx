import type { CreateMaintenance, MaintenanceAnnouncement } from '@cardcoop/contracts';
import { Button, Group, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../id/auth/form-error';
import { ProgressNote } from '../../id/auth/progress-note';
import { useAction } from '../use-action';

type Field = keyof CreateMaintenance;
type Values = Record<Field, string>;

const pad = (value: number) => String(value).padStart(2, '0');
/** An instant as a `datetime-local` value in the admin's time zone. */
function localValue(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const EMPTY: Values = { starts_at: '', ends_at: '', message_ru: '', message_en: '' };

/**
 * An announcement's start, end (the admin's local time, sent as instants) and its ru and en
 * texts; checked here first, the server's refusal shown under the button.
 */
export function MaintenanceForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: MaintenanceAnnouncement;
  submitLabel: string;
  onSubmit: (values: CreateMaintenance) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('admin');
  const [values, setValues] = useState<Values>(
    initial
      ? {
          ...initial,
          starts_at: localValue(initial.starts_at),
          ends_at: localValue(initial.ends_at),
        }
      : EMPTY,
  );
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const save = useAction(onSubmit);

  const set = (field: Field) => (value: string) => setValues((old) => ({ ...old, [field]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    for (const field of Object.keys(EMPTY) as Field[])
      if (!values[field].trim()) found[field] = t('maintenance.required');
    const startsAt = values.starts_at ? new Date(values.starts_at) : undefined;
    const endsAt = values.ends_at ? new Date(values.ends_at) : undefined;
    if (startsAt && endsAt && startsAt >= endsAt) found.ends_at = t('maintenance.endBeforeStart');
    setErrors(found);
    if (Object.keys(found).length > 0 || !startsAt || !endsAt) return;
    const done = await save.run({
      starts_at: startsAt.toISOString(),
      ends_at: endsAt.toISOString(),
      message_ru: values.message_ru.trim(),
      message_en: values.message_en.trim(),
    });
    if (done && !initial) setValues(EMPTY);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('maintenance.startsAt')}
            type="datetime-local"
            value={values.starts_at}
            onChange={(event) => set('starts_at')(event.currentTarget.value)}
            error={errors.starts_at}
            required
          />
          <TextInput
            label={t('maintenance.endsAt')}
            type="datetime-local"
            value={values.ends_at}
            onChange={(event) => set('ends_at')(event.currentTarget.value)}
            error={errors.ends_at}
            required
          />
        </SimpleGrid>
        <Textarea
          label={t('maintenance.messageRu')}
          lang="ru"
          value={values.message_ru}
          onChange={(event) => set('message_ru')(event.currentTarget.value)}
          error={errors.message_ru}
          maxLength={1000}
          autosize
          minRows={2}
          required
        />
        <Textarea
          label={t('maintenance.messageEn')}
          lang="en"
          value={values.message_en}
          onChange={(event) => set('message_en')(event.currentTarget.value)}
          error={errors.message_en}
          maxLength={1000}
          autosize
          minRows={2}
          required
        />
        <ProgressNote text={save.busy ? t('maintenance.saving') : undefined} />
        <FormError message={save.error} />
        <Group gap="sm">
          <Button type="submit" loading={save.busy}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={save.busy}>
              {t('cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
