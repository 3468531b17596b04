import type { CardFormatName } from '@cardcoop/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatPhone } from '../../../lib/format';
import { countryName, currencyLabel } from '../card/card-choices';
import { CARD_FORMS, fieldsOf } from '../card/card-fields';
import { displayValue } from '../card/card-masks';
import { ru as card } from '../card/messages';

type FieldName = keyof typeof card.fields;
type GroupName = keyof typeof card.groups;
type KindName = Exclude<keyof typeof card.kind, 'label'>;
type OrganizationType = Exclude<keyof typeof card.organizationType, 'choose'>;

const has = <T extends object>(messages: T, key: unknown, except?: string): key is keyof T =>
  typeof key === 'string' && key !== except && Object.hasOwn(messages, key);

const filled = (value: unknown) => value !== undefined && value !== null && value !== '';

/** Each card field's format by its name (a name means the same thing in every kind of card). */
const FORMATS = new Map<string, CardFormatName | undefined>(
  Object.values(CARD_FORMS)
    .flatMap(fieldsOf)
    .map((field) => [field.name, field.format]),
);

/**
 * Card fields as the member reads them on the card page (the card's own labels): a field's
 * label (its name when the schema has grown a field this app does not know yet), and a value as
 * one line of text the way the card view shows it (dates in words, phone numbers grouped), the
 * parts of a nested one (passport, bank account) labelled one by one.
 */
export function useFieldText() {
  const { t, i18n } = useTranslation('id');
  return useMemo(() => {
    const label = (name: string): string => {
      if (name === 'kind') return t('card.kind.label');
      if (has(card.fields, name)) return t(`card.fields.${name as FieldName}`);
      if (has(card.groups, name)) return t(`card.groups.${name as GroupName}`);
      return name;
    };
    const text = (data: string, name: string): string => {
      const format = FORMATS.get(name);
      if (format === 'date') return formatDate(data, i18n.language);
      if (format === 'phone') return formatPhone(data);
      // Stored as codes (RU, RUB): named in the page's language.
      if (format === 'country-code') return countryName(data, i18n.language);
      if (name === 'currency') return currencyLabel(data, i18n.language);
      return displayValue(format, data);
    };
    const value = (data: unknown, name = ''): string => {
      if (name === 'kind' && has(card.kind, data, 'label')) {
        return t(`card.kind.${data as KindName}`);
      }
      if (name === 'type' && has(card.organizationType, data, 'choose')) {
        return t(`card.organizationType.${data as OrganizationType}`);
      }
      if (typeof data === 'string') return text(data, name);
      if (typeof data !== 'object' || data === null) return String(data);
      return Object.entries(data)
        .filter(([, part]) => filled(part))
        .map(([key, part]) =>
          typeof part === 'object'
            ? `${label(key)} (${value(part, key)})`
            : `${label(key)}: ${value(part, key)}`,
        )
        .join('; ');
    };
    return { label, value };
  }, [t, i18n.language]);
}
