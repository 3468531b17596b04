import { Alert, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { isValidCountryCode, isValidPhone } from '@cardcoop/contracts';
import { CardCoopError, validateCard } from '@cardcoop/sdk';
import type { CardRecord, CardValidationIssue, MemberClient } from '@cardcoop/sdk';
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../lib/i18n';
import { cardErrorMessage, isStaleRevision } from './card-error';
import type { CardKind, CardValues, FieldSpec } from './card-fields';
import {
  CARD_FORMS,
  cardFromValues,
  fieldId,
  fieldsOf,
  isSameAddress,
  valuesFromCard,
  withFactAddress,
} from './card-fields';
import { CardInputs } from './card-inputs';
import { CardKindPicker } from './card-kind-picker';
import { DiscardDialog } from './discard-dialog';
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
 * A value the card was read back with in a shape it is no longer written in: a phone number not
 * in E.164, a country or currency a migration could not turn into a listed code.
 */
function isStoredShape(field: FieldSpec, value: string): boolean {
  if (field.format === 'phone') return !isValidPhone(value);
  if (field.format === 'country-code') return !isValidCountryCode(value);
  return field.options !== undefined && !field.options.includes(value);
}

/** The card a form shows, to tell an edited form from an untouched one. */
const cardText = (kind: CardKind, values: CardValues, sameAddress: boolean) =>
  JSON.stringify(cardFromValues(kind, withFactAddress(values, sameAddress)));

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
  // The card as it was decrypted: a value stored in an older shape gets a warning.
  const [stored] = useState<CardValues>(() => (record ? valuesFromCard(record.data) : {}));
  const [sameAddress, setSameAddress] = useState(() => isSameAddress(record?.data));
  const [untouched] = useState(() => cardText(kind, values, sameAddress));
  const [asking, setAsking] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [sdkIssues, setSdkIssues] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<Failure>();

  const specs = CARD_FORMS[kind];
  // What the card will hold: the actual address is the legal one while the box is ticked.
  const effective = useMemo(() => withFactAddress(values, sameAddress), [values, sameAddress]);
  const issues = useMemo(() => {
    const result = validateCard(cardFromValues(kind, effective), language);
    if (result.valid) return {};
    // The form's dates are typed дд.мм.гггг, not as the schema stores them.
    const typed = result.errors.map((issue) =>
      issue.code === 'invalid_date' ? { ...issue, message: t('card.form.invalidDate') } : issue,
    );
    return byPath(typed);
  }, [kind, effective, language, t]);
  const shown: Record<string, string> = { ...sdkIssues };
  for (const [path, message] of Object.entries(issues)) {
    if (submitted || touched.has(path)) shown[path] = message;
  }
  const paths = new Set(fieldsOf(specs).map((field) => field.path));
  const elsewhere = Object.entries(shown).filter(([path]) => !paths.has(path));
  const warnings = Object.fromEntries(
    fieldsOf(specs).flatMap((field) => {
      const value = stored[field.path];
      if (value === undefined || values[field.path] !== value || !isStoredShape(field, value)) {
        return [];
      }
      const message =
        field.format === 'phone'
          ? t('card.form.phoneNotE164')
          : t('card.form.storedChoice', { value });
      return [[field.path, message]];
    }),
  );
  const cancel = () => {
    if (cardText(kind, values, sameAddress) === untouched) onCancel();
    else setAsking(true);
  };

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
    const card = cardFromValues(kind, effective);
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
            sameAddress={sameAddress}
            onSameAddress={setSameAddress}
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
            {/* The field being left keeps focus until the click lands: a message appearing on its
                blur would move the button away between press and release, losing the save. */}
            <Button type="submit" loading={saving} onMouseDown={(event) => event.preventDefault()}>
              {t('card.form.save')}
            </Button>
            <Button variant="default" onClick={cancel} disabled={saving}>
              {t('card.form.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
      <DiscardDialog opened={asking} onStay={() => setAsking(false)} onDiscard={onCancel} />
    </Paper>
  );
}
