import { applicationFormShape, OPTIONAL_APPLICATION_FIELDS } from '@cardcoop/contracts';
import type {
  ApplicationFormDraft,
  ApplicationFormField,
  ValidationIssue,
} from '@cardcoop/contracts';

/** The form's fields in groups, in the order on screen. */
type GroupKey = 'organization' | 'chairman' | 'contacts' | 'bank' | 'activity';
export const FIELD_GROUPS: { key: GroupKey; fields: ApplicationFormField[] }[] = [
  {
    key: 'organization',
    fields: ['full_name', 'short_name', 'inn', 'ogrn', 'kpp', 'legal_address', 'actual_address'],
  },
  {
    key: 'chairman',
    fields: ['chairman_last_name', 'chairman_first_name', 'chairman_middle_name'],
  },
  { key: 'contacts', fields: ['phone', 'email'] },
  { key: 'bank', fields: ['bank_name', 'bik', 'settlement_account'] },
  { key: 'activity', fields: ['expected_monthly_turnover', 'members_count', 'purpose'] },
];

export const OPTIONAL_FIELDS = OPTIONAL_APPLICATION_FIELDS;

export const NUMBER_FIELDS: readonly ApplicationFormField[] = [
  'expected_monthly_turnover',
  'members_count',
];
export const LONG_FIELDS: readonly ApplicationFormField[] = [
  'legal_address',
  'actual_address',
  'purpose',
];
/** Fields with a format of their own: their refusal says what the format is. */
const FORMATTED = ['inn', 'ogrn', 'kpp', 'phone', 'email', 'bik', 'settlement_account'] as const;

export type FormValues = Record<ApplicationFormField, string>;
const FIELDS = Object.keys(applicationFormShape) as ApplicationFormField[];

/** The form as typed, from the stored draft. */
export function valuesOf(form: ApplicationFormDraft | undefined): FormValues {
  return Object.fromEntries(
    FIELDS.map((field) => [field, form?.[field] === undefined ? '' : String(form[field])]),
  ) as FormValues;
}

/**
 * The draft to save: the fields filled in (an empty one is left out: cleared), numbers as
 * numbers; the fields whose number does not parse are returned as `invalid`.
 */
export function draftOf(values: FormValues): {
  draft: ApplicationFormDraft;
  invalid: ApplicationFormField[];
} {
  const draft: Record<string, string | number> = {};
  const invalid: ApplicationFormField[] = [];
  for (const field of FIELDS) {
    const value = values[field].trim();
    if (!value) continue;
    if (NUMBER_FIELDS.includes(field)) {
      const number = Number(value.replace(/[\s\u00a0]/g, ''));
      if (Number.isInteger(number) && number >= 0) draft[field] = number;
      else invalid.push(field);
    } else draft[field] = value;
  }
  return { draft: draft as ApplicationFormDraft, invalid };
}

/** The message key of a field's refusal. */
export function invalidKey(field: ApplicationFormField, code?: string) {
  if (code === 'required') return 'application.invalid.required' as const;
  if (NUMBER_FIELDS.includes(field)) return 'application.invalid.number' as const;
  const formatted = FORMATTED.find((name) => name === field);
  return formatted
    ? (`application.invalid.${formatted}` as const)
    : ('application.invalid.generic' as const);
}

/** The form fields the server's issues name (`form.<field>`), with each issue's code. */
export function fieldIssues(issues: ValidationIssue[] | undefined) {
  const byField = new Map<ApplicationFormField, string>();
  for (const issue of issues ?? []) {
    const [root, field] = issue.path.split('.');
    if (root === 'form' && field && field in applicationFormShape)
      byField.set(field as ApplicationFormField, issue.code);
  }
  return byField;
}
