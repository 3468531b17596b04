import type { CardFormatName } from '@cardcoop/contracts';
import { formatMask } from '@mantine/hooks';
import type { UseMaskOptions } from '@mantine/hooks';

/**
 * How a formatted field is typed: a Mantine mask (`9` a digit, `A` a capital letter, other
 * characters shown as typed) and how the typed characters become the value the card schema
 * expects (digits only unless said otherwise).
 */
export interface CardMask {
  options: Pick<UseMaskOptions, 'mask' | 'tokens' | 'transform' | 'modify'>;
  /** The stored value as the mask's raw characters, for the input's first render. */
  typed?: (stored: string) => string;
  inputMode: 'numeric' | 'tel' | 'text';
  /** The stored value from the typed characters (the mask's raw value). */
  store: (raw: string) => string;
}

const digits = (count: number, groups: number[] = [count]): CardMask => ({
  options: { mask: groups.map((size) => '9'.repeat(size)).join(' ') },
  inputMode: 'numeric',
  store: (raw) => raw,
});

const upperCase = (char: string) => char.toUpperCase();

const dateOptions: CardMask['options'] = { mask: '99.99.9999' };

/**
 * A date typed day first, `дд.мм.гггг`, whatever the browser's locale; the schema stores
 * `YYYY-MM-DD`. An incomplete date stays as typed (`12.05.19`), for the validator to refuse.
 *
 * @example
 * ```ts
 * dateFromTyped('12051986'); // '1986-05-12'
 * ```
 */
export function dateFromTyped(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (digits.length !== 8) return digits === '' ? '' : formatMask(digits, dateOptions);
  return `${digits.slice(4)}-${digits.slice(2, 4)}-${digits.slice(0, 2)}`;
}

/** A stored `YYYY-MM-DD` as the digits the date mask shows (`12.05.1986`); other values as is. */
export function typedFromDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[3]}${match[2]}${match[1]}` : value.replace(/\D/g, '');
}

const subdivisionOptions: CardMask['options'] = { mask: '999-999' };

const MASKS: Partial<Record<CardFormatName, CardMask>> = {
  'ru-passport-series': digits(4, [2, 2]),
  'ru-passport-number': digits(6),
  'ru-subdivision-code': {
    options: subdivisionOptions,
    inputMode: 'numeric',
    // The schema keeps the hyphen: `772-053`.
    store: (raw) => formatMask(raw, subdivisionOptions),
  },
  'ru-inn-person': digits(12),
  // Written 112-233-445 95, stored as its 11 digits.
  'ru-snils': { options: { mask: '999-999-999 99' }, inputMode: 'numeric', store: (raw) => raw },
  'ru-inn-legal': digits(10),
  'ru-ogrn': digits(13),
  'ru-ogrnip': digits(15),
  'ru-bik': digits(9),
  'ru-account': digits(20, [5, 3, 1, 4, 7]),
  'bank-card-number': digits(19, [4, 4, 4, 4, 3]),
  'ru-kpp': {
    // 4 digits, 2 digits or capital Latin letters, 3 digits.
    options: { mask: '9999XX999', tokens: { X: /[0-9A-Z]/ }, transform: upperCase },
    inputMode: 'text',
    store: (raw) => raw,
  },
  date: {
    options: dateOptions,
    inputMode: 'numeric',
    store: dateFromTyped,
    typed: typedFromDate,
  },
};

/** The mask of a format, if it has one. */
export function maskOf(format: CardFormatName | undefined): CardMask | undefined {
  return format === undefined ? undefined : MASKS[format];
}

/** A stored value as the member reads it, grouped by its mask: `40702810938000000001` → `40702 810 9 3800 0000001`. */
export function displayValue(format: CardFormatName | undefined, value: string): string {
  const mask = format === 'date' ? undefined : maskOf(format);
  return mask ? formatMask(value, mask.options) : value;
}
