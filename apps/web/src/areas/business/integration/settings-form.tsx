import type { BusinessIntegration, ValidationIssue } from '@cardcoop/contracts';
import { CardCoopError } from '@cardcoop/sdk';
import { Alert, Button, Fieldset, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../id/auth/form-error';
import { ProgressNote } from '../../id/auth/progress-note';
import { isConflict, useSay } from '../business-error';
import { serverError } from '../../../components/server-error';
import type { Problem } from '../business-error';
import { useBusiness } from '../use-business';
import { FieldPicker } from './field-picker';
import { changeOf, draftOf, fieldsChanged, isHttpUrl, isOrigin } from './settings-draft';
import type { SettingsDraft } from './settings-draft';
import { UrlList } from './url-list';

type Problems = Partial<Record<keyof SettingsDraft | 'form', Problem>>;

/** The server's field problems of a VALIDATION_FAILED, by the form's field names. */
function serverProblems(error: unknown): Problems {
  if (!(error instanceof CardCoopError) || error.code !== 'VALIDATION_FAILED') return {};
  const issues: ValidationIssue[] = error.details.issues ?? [];
  return Object.fromEntries(
    issues.map((issue) => [issue.path.split('.')[0] || 'form', { text: issue.message }]),
  ) as Problems;
}

/**
 * The integration's settings, saved together on top of the revision they were loaded at. A
 * concurrent change (409) calls `onConflict`: the parent reloads and shows the fresh settings in a
 * new form (keyed by revision) that says why.
 */
export function SettingsForm({
  settings,
  readOnly,
  conflict,
  saved,
  onSaved,
  onConflict,
}: {
  settings: BusinessIntegration;
  readOnly: boolean;
  /** The last save met a concurrent change: these are the fresh settings. */
  conflict: boolean;
  /** The last save went through: these are the settings it made (a new form, by revision). */
  saved: boolean;
  onSaved: (settings: BusinessIntegration) => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const api = useBusiness();
  const [draft, setDraft] = useState(() => draftOf(settings));
  const [edited, setEdited] = useState(false);
  const say = useSay();
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setEdited(true);
  };

  const validate = (): Problems => ({
    ...(draft.display_name.trim()
      ? {}
      : { display_name: { key: 'connect.displayNameRequired' as const } }),
    ...(draft.site_url.trim() && !isHttpUrl(draft.site_url.trim())
      ? { site_url: { key: 'settings.invalidUrl' as const } }
      : {}),
    ...(draft.entry_url.trim() && !isHttpUrl(draft.entry_url.trim())
      ? { entry_url: { key: 'settings.invalidUrl' as const } }
      : {}),
    ...(draft.requested_fields.length === 0
      ? { requested_fields: { key: 'settings.fieldsRequired' as const } }
      : fieldsChanged(draft, settings) && draft.requested_fields.some((item) => !item.reason.trim())
        ? { requested_fields: { key: 'settings.reasonRequired' as const } }
        : {}),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate();
    setProblems(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const answer = await api.updateIntegration(settings.coopname, changeOf(draft, settings));
      onSaved(answer);
    } catch (error) {
      if (isConflict(error)) onConflict();
      else {
        const fields = serverProblems(error);
        setProblems(
          Object.keys(fields).length ? fields : { form: { text: serverError(error, tId) } },
        );
      }
    } finally {
      setBusy(false);
    }
  };

  const text = (
    key: 'display_name' | 'legal_name' | 'consent_purpose' | 'site_url' | 'entry_url',
    label: string,
    hint?: string,
  ) => (
    <TextInput
      label={label}
      description={hint}
      value={draft[key]}
      onChange={(event) => set(key, event.currentTarget.value)}
      error={say(problems[key])}
      readOnly={readOnly}
      required={key === 'display_name'}
    />
  );

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="lg">
        {conflict && (
          <Alert color="yellow" role="alert">
            {t('settings.conflict')}
          </Alert>
        )}
        <Fieldset legend={t('settings.general')}>
          <Stack>
            {text('display_name', t('settings.displayName'))}
            {text('legal_name', t('settings.legalName'), t('settings.legalNameHint'))}
            {text('consent_purpose', t('settings.purpose'), t('settings.purposeHint'))}
            <Textarea
              label={t('settings.description')}
              value={draft.description}
              onChange={(event) => set('description', event.currentTarget.value)}
              error={say(problems.description)}
              readOnly={readOnly}
              autosize
              minRows={2}
              maxLength={500}
            />
            {text('site_url', t('settings.siteUrl'))}
          </Stack>
        </Fieldset>
        <Fieldset legend={t('settings.addresses')}>
          <Stack>
            <UrlList
              label={t('settings.origins')}
              hint={t('settings.originsHint')}
              values={draft.origins}
              onChange={(values) => set('origins', values)}
              check={(value) => (isOrigin(value) ? undefined : { key: 'settings.invalidOrigin' })}
              readOnly={readOnly}
              error={say(problems.origins)}
            />
            <UrlList
              label={t('settings.redirectUris')}
              hint={t('settings.redirectUrisHint')}
              values={draft.redirect_uris}
              onChange={(values) => set('redirect_uris', values)}
              check={(value) => (isHttpUrl(value) ? undefined : { key: 'settings.invalidUrl' })}
              readOnly={readOnly}
              error={say(problems.redirect_uris)}
            />
            {text('entry_url', t('settings.entryUrl'), t('settings.entryUrlHint'))}
          </Stack>
        </Fieldset>
        <Fieldset legend={t('settings.fields')}>
          <FieldPicker
            value={draft.requested_fields}
            onChange={(value) => set('requested_fields', value)}
            readOnly={readOnly}
            error={say(problems.requested_fields)}
          />
        </Fieldset>
        {!readOnly && (
          <Stack gap="xs">
            <FormError message={say(problems.form)} />
            <ProgressNote text={busy ? t('settings.saving') : undefined} />
            <Group gap="sm">
              <Button type="submit" loading={busy}>
                {t('settings.save')}
              </Button>
              <Text size="sm" c="dimmed">
                {t('settings.revision', { revision: settings.revision })}
              </Text>
              <Text size="sm" role="status" c="teal.9">
                {saved && !edited ? t('saved') : ''}
              </Text>
            </Group>
          </Stack>
        )}
      </Stack>
    </form>
  );
}
