import { Alert, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { isValidPhone } from '@cardcoop/contracts';
import { CardCoopError, validateCard } from '@cardcoop/sdk';
import type { CardRecord, CardValidationIssue, MemberClient } from '@cardcoop/sdk';
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../lib/i18n';
import { cardErrorMessage, isStaleRevision } from './card-error';
import type { CardKind, CardValues } from './card-fields';
import { CARD_FORMS, cardFromValues, fieldId, fieldsOf, valuesFromCard } from './card-fields';
import { CardInputs } from './card-inputs';
import { CardKindPicker } from './card-kind-picker';
import { useFocusOnMount } from './use-focus-on-mount';

type Failure = { type: 'conflict' } | { type: 'error'; message: string };

interface CardFormProps {
  member: MemberClient;
  /** The card being edited; none when the member creates one. */
  record?: CardRecord;
  onSaved: (record: CardRecord) => void;
  onCancel: () => void;
  /** Drops this form's changes for the card as another tab or device saved it. */
  onReloadLatest: () => void;
}

const byPath = (issues: readonly Pick<CardValidationIssue, 'path' | 'message'>[]) =>
  Object.fromEntries(issues.map((issue) => [issue.path, issue.message]));

/**
 * Creates or edits the card. Every field is checked by the SDK's validator on blur and before
 * saving; nothing leaves the form while an issue remains. A save over a stale revision is
 * refused by the server and never retried over the newer card.
 */
export function CardForm({ member, record, onSaved, onCancel, onReloadLatest }: CardFormProps) {
  const { t } = useTranslation('id');
  const language = currentLanguage();
  const heading = useFocusOnMount<HTMLHeadingElement>(true);
  const [kind, setKind] = useState<CardKind>(record?.data.kind ?? 'individual');
  const [values, setValues] = useState<CardValues>(() =>
    record ? valuesFromCard(record.data) : {},
  );
  // The card as it was decrypted: a phone stored before numbers were normalized gets a warning.
  const [stored] = useState<CardValues>(() => (record ? valuesFromCard(record.data) : {}));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [sdkIssues, setSdkIssues] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<Failure>();

  const specs = CARD_FORMS[kind];
  const issues = useMemo(() => {
    const result = validateCard(cardFromValues(kind, values), language);
    if (result.valid) return {};
    // The form's dates are typed дд.мм.гггг, not as the schema stores them.
    const typed = result.errors.map((issue) =>
      issue.code === 'invalid_date' ? { ...issue, message: t('card.form.invalidDate') } : issue,
    );
    return byPath(typed);
  }, [kind, values, language, t]);
  const shown: Record<string, string> = { ...sdkIssues };
  for (const [path, message] of Object.entries(issues)) {
    if (submitted || touched.has(path)) shown[path] = message;
  }
  const paths = new Set(fieldsOf(specs).map((field) => field.path));
  const elsewhere = Object.entries(shown).filter(([path]) => !paths.has(path));
  const warnings = Object.fromEntries(
    fieldsOf(specs)
      .filter((field) => field.format === 'phone')
      .map((field) => [field.path, stored[field.path]] as const)
      .filter(
        (entry): entry is readonly [string, string] =>
          entry[1] !== undefined && !isValidPhone(entry[1]) && values[entry[0]] === entry[1],
      )
      .map(([path]) => [path, t('card.form.phoneNotE164')]),
  );

  const change = (path: string, value: string) => {
    setValues((previous) => ({ ...previous, [path]: value }));
    setSdkIssues(({ [path]: _dropped, ...rest }) => rest);
  };
  const blur = (path: string) => setTouched((previous) => new Set(previous).add(path));

  const focusFirstIssue = (found: Record<string, string>) => {
    const first = fieldsOf(specs).find((field) => found[field.path] !== undefined);
    if (first) document.getElementById(fieldId(first.path))?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setFailure(undefined);
    if (Object.keys(issues).length > 0) return focusFirstIssue(issues);
    const card = cardFromValues(kind, values);
    setSaving(true);
    try {
      const written = record
        ? await member.card.update(card, record.revision)
        : await member.card.issue(card);
      onSaved({ ...written, data: card, updatedAt: new Date().toISOString() });
    } catch (error) {
      setSaving(false);
      const found = error instanceof CardCoopError ? error.details.issues : undefined;
      if (found?.length) {
        setSdkIssues(byPath(found));
        focusFirstIssue(byPath(found));
      } else if (isStaleRevision(error)) {
        setFailure({ type: 'conflict' });
      } else {
        setFailure({ type: 'error', message: cardErrorMessage(error, t) });
      }
    }
  };

  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Title order={2} ref={heading} tabIndex={-1}>
            {t(record ? 'card.form.editTitle' : 'card.form.createTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('card.form.required')}
          </Text>
          <CardKindPicker value={kind} onChange={setKind} />
          <CardInputs
            specs={specs}
            values={values}
            errors={shown}
            warnings={warnings}
            onChange={change}
            onBlur={blur}
          />
          {submitted && Object.keys(shown).length > 0 && (
            <Alert color="red" role="alert" title={t('card.form.invalid')}>
              {elsewhere.length > 0 && (
                <List size="sm">
                  {elsewhere.map(([path, message]) => (
                    <List.Item key={path}>{message}</List.Item>
                  ))}
                </List>
              )}
            </Alert>
          )}
          {failure?.type === 'conflict' && (
            <Alert color="red" role="alert" title={t('card.form.conflictTitle')}>
              <Stack gap="sm" align="flex-start">
                <Text size="sm">{t('card.form.conflict')}</Text>
                <Button variant="default" onClick={onReloadLatest}>
                  {t('card.form.reloadLatest')}
                </Button>
              </Stack>
            </Alert>
          )}
          {failure?.type === 'error' && (
            <Alert color="red" role="alert" title={t('common.errors.title')}>
              {failure.message}
            </Alert>
          )}
          {saving && (
            <Alert role="status" variant="light">
              {t('card.form.saving')}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={saving}>
              {t('card.form.save')}
            </Button>
            <Button variant="default" onClick={onCancel} disabled={saving}>
              {t('card.form.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
