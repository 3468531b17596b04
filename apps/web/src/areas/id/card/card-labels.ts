import type { FieldSpec, GroupSpec } from './card-fields';
import type { ru } from './messages';

type FieldName = keyof typeof ru.fields;
type GroupName = Exclude<keyof typeof ru.groups, 'optional'>;
type OrganizationType = Exclude<keyof typeof ru.organizationType, 'choose'>;

/** The message of a field's label; MONO calls a sole proprietor's OGRNIP `ogrn`. */
export function fieldLabelKey(field: FieldSpec) {
  const name = (field.format === 'ru-ogrnip' ? 'ogrnip' : field.name) as FieldName;
  return `card.fields.${name}` as const;
}

/** Formats whose fields say under the label how to type them. */
const HELP = ['ru-inn-person', 'ru-snils'] as const;

/** The hint under a field's label, if it has one: how many digits, how the passport writes it. */
export function fieldHelpKey(field: FieldSpec) {
  const format = HELP.find((name) => name === field.format);
  if (format) return `card.help.${format}` as const;
  return field.name === 'birthplace' ? ('card.help.birthplace' as const) : undefined;
}

/** The message of a fieldset's legend: `bank_account.details` → `bank_account_details`. */
export function groupLabelKey(group: GroupSpec) {
  return `card.groups.${group.path.replace(/\./g, '_') as GroupName}` as const;
}

/** The message of an organization's legal form (`coop`, `ooo`, …). */
export function organizationTypeKey(value: string) {
  return `card.organizationType.${value as OrganizationType}` as const;
}
