import type {
  ApplicationFormField,
  ApplicationState,
  OperatorApplication,
  ValidationIssue,
} from '@cardcoop/contracts';
import { CardCoopError } from '@cardcoop/sdk';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProgressNote } from '../../id/auth/progress-note';
import { isConflict } from '../business-error';
import { serverError } from '../../../components/server-error';
import { useCoop } from '../coop-context';
import { canChange } from '../coop-sections';
import { QueryState } from '../../../components/query-state';
import { SectionPage } from '../section-page';
import { ApplicationFields } from './application-form';
import { CardPrefill } from './card-prefill';
import { DocumentsSection } from './documents-section';
import { draftOf, fieldIssues, invalidKey, valuesOf } from './form-fields';
import type { FormValues } from './form-fields';
import { StatusBanner } from './status-banner';
import { SubmitSection } from './submit-section';
import { useApplication, useApplicationsClient } from './use-application';

type FieldErrors = Partial<Record<ApplicationFormField, ReturnType<typeof invalidKey>>>;
/** What the last save said: a message key (translated on screen, so it follows a language
 * switch) or the server's own words. */
type Note =
  | { error: boolean; key: 'application.fixErrors' | 'application.saved' }
  | { error: true; text: string };

/**
 * `/business/:coopname/application`: the extended level's application to the payment-system
 * operator: its status, the form saved as a draft on its revision, the documents and (owner)
 * submitting it.
 */
export function ApplicationPage() {
  const { t } = useTranslation('business');
  const coop = useCoop();
  const { query, put, refresh } = useApplication(coop.coopname);
  // A stale save reloads the application: the editor starts again from the fresh one.
  const [generation, setGeneration] = useState(0);
  const [conflict, setConflict] = useState(false);
  const reload = async () => {
    await refresh();
    setConflict(true);
    setGeneration((value) => value + 1);
  };
  return (
    <SectionPage title={t('application.title')} lead={t('application.lead')}>
      {!canChange(coop.role) && <Alert color="blue">{t('application.readOnly')}</Alert>}
      <QueryState query={query}>
        {(state) => (
          <ApplicationEditor
            key={generation}
            state={state}
            conflict={conflict}
            put={(application) => {
              setConflict(false);
              put(application);
            }}
            refresh={() => void refresh()}
            reload={() => void reload()}
          />
        )}
      </QueryState>
    </SectionPage>
  );
}

const EDITABLE = ['draft', 'changes_requested'] as const;

function ApplicationEditor({
  state,
  conflict,
  put,
  refresh,
  reload,
}: {
  state: ApplicationState;
  conflict: boolean;
  put: (application: OperatorApplication) => void;
  refresh: () => void;
  reload: () => void;
}) {
  const { t } = useTranslation('business');
  const { t: tId } = useTranslation('id');
  const coop = useCoop();
  const client = useApplicationsClient();
  const { application } = state;
  const open = application !== null && (EDITABLE as readonly string[]).includes(application.status);
  const closed = application === null || ['approved', 'rejected'].includes(application.status);
  // A rejected application is done: saving starts a new one (revision 0) from its form.
  const editable = canChange(coop.role) && application?.status !== 'approved' && (open || closed);
  const [base, setBase] = useState(open ? application.revision : 0);
  const [values, setValues] = useState<FormValues>(() => valuesOf(application?.form));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [note, setNote] = useState<Note>();
  const [submitting, setSubmitting] = useState(false);
  const [missing, setMissing] = useState<ValidationIssue[]>([]);
  const [submitError, setSubmitError] = useState<string>();

  const accept = (saved: OperatorApplication) => {
    put(saved);
    if (base === 0 || saved.revision > base) setBase(saved.revision);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const { draft, invalid } = draftOf(values);
    setNote(undefined);
    if (invalid.length > 0) {
      setErrors(Object.fromEntries(invalid.map((field) => [field, invalidKey(field)])));
      setNote({ error: true, key: 'application.fixErrors' });
      return;
    }
    setSaving(true);
    try {
      const saved = await client.save(coop.coopname, { expected_revision: base, form: draft });
      accept(saved);
      setErrors({});
      setDirty(false);
      setNote({ error: false, key: 'application.saved' });
    } catch (failure) {
      if (isConflict(failure)) return reload();
      const issues = fieldIssues(failure instanceof CardCoopError ? failure.details.issues : []);
      if (issues.size > 0) {
        setErrors(
          Object.fromEntries([...issues].map(([field, code]) => [field, invalidKey(field, code)])),
        );
        setNote({ error: true, key: 'application.fixErrors' });
      } else setNote({ error: true, text: serverError(failure, tId) });
    } finally {
      setSaving(false);
    }
  };

  const submit = async () => {
    setMissing([]);
    setSubmitError(undefined);
    if (dirty) return setSubmitError(t('application.unsaved'));
    setSubmitting(true);
    try {
      put(await client.submit(coop.coopname));
    } catch (failure) {
      const issues =
        failure instanceof CardCoopError && failure.code === 'APPLICATION_INCOMPLETE'
          ? (failure.details.issues ?? [])
          : [];
      if (issues.length > 0) {
        setMissing(issues);
        const fields = fieldIssues(issues);
        setErrors(
          Object.fromEntries([...fields].map(([field, code]) => [field, invalidKey(field, code)])),
        );
      } else setSubmitError(serverError(failure, tId));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Stack gap="lg">
      <StatusBanner application={application} />
      {conflict && (
        <Alert color="yellow" role="alert">
          {t('application.conflict')}
        </Alert>
      )}
      <form onSubmit={(event) => void save(event)} noValidate aria-label={t('application.title')}>
        <Stack gap="md">
          {editable && (
            <CardPrefill
              onFill={(card) => {
                // Only the empty fields: what was typed stays.
                setValues((current) => {
                  const next = { ...current };
                  for (const [field, value] of Object.entries(card) as [keyof FormValues, string][])
                    if (!next[field].trim() && value) next[field] = value;
                  return next;
                });
                setDirty(true);
              }}
            />
          )}
          <ApplicationFields
            values={values}
            errors={Object.fromEntries(
              Object.entries(errors).map(([field, key]) => [field, t(key)]),
            )}
            readOnly={!editable}
            onChange={(field, value) => {
              setValues((current) => ({ ...current, [field]: value }));
              setErrors(({ [field]: _, ...rest }) => rest);
              setDirty(true);
            }}
          />
          {editable && (
            <Stack gap="xs" align="flex-start">
              <ProgressNote text={saving ? t('application.saving') : undefined} />
              <Group gap="sm">
                <Button type="submit" loading={saving}>
                  {t('application.save')}
                </Button>
                <Text size="sm" role="status" c={note?.error ? 'red.8' : 'teal.9'}>
                  {note ? ('key' in note ? t(note.key) : note.text) : ''}
                </Text>
              </Group>
            </Stack>
          )}
        </Stack>
      </form>
      <DocumentsSection
        coopname={coop.coopname}
        documents={application?.documents ?? []}
        editable={editable}
        removable={editable && open}
        onChanged={(changed) => {
          if (!changed) return refresh();
          accept(changed);
          // A document now attached is no longer missing.
          const attached = new Set(changed.documents.map(({ kind }) => `documents.${kind}`));
          setMissing((issues) => issues.filter(({ path }) => !attached.has(path)));
        }}
      />
      {open && canChange(coop.role) && (
        <SubmitSection
          owner={coop.role === 'owner'}
          busy={submitting}
          missing={missing}
          error={submitError}
          onSubmit={() => void submit()}
        />
      )}
    </Stack>
  );
}
