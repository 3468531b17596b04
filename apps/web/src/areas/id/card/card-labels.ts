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

/** The message of a fieldset's legend: `bank_account.details` → `bank_account_details`. */
export function groupLabelKey(group: GroupSpec) {
  return `card.groups.${group.path.replace(/\./g, '_') as GroupName}` as const;
}

/** The message of an organization's legal form (`coop`, `ooo`, …). */
export function organizationTypeKey(value: string) {
  return `card.organizationType.${value as OrganizationType}` as const;
}
