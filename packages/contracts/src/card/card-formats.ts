import { isValidCountryCode } from './card-choices.js';
import {
  isValidAccountNumber,
  isValidBik,
  isValidKpp,
  isValidLegalInn,
  isValidOgrn,
  isValidOgrnip,
  isValidPassportNumber,
  isValidPassportSeries,
  isValidPersonInn,
  isValidSnils,
  isValidSubdivisionCode,
} from './ru-documents.js';

/**
 * A phone number stored as E.164: `+`, a country code not starting with 0, 7 to 15 digits in
 * all; numbers of the +7 zone (Russia, Kazakhstan) have exactly 10 digits after the 7. What the
 * member types becomes this through `normalizePhone` (./phone.ts), which also checks the number
 * against the numbering plan. This check stays a pattern: it runs in the SDK's validator on
 * every page, and libphonenumber's metadata is loaded only where numbers are typed.
 *
 * @example
 * ```ts
 * isValidPhone('+79991234567'); // true
 * isValidPhone('89991234567'); // false: no country code
 * ```
 */
export function isValidPhone(phone: string): boolean {
  if (!/^\+[1-9]\d{6,14}$/.test(phone)) return false;
  return !phone.startsWith('+7') || phone.length === 12;
}

/**
 * A calendar date written `YYYY-MM-DD` (ISO 8601) that exists: 2024-02-29 does, 2023-02-29 and
 * 2024-04-31 do not. Year 0000 is refused.
 *
 * @example
 * ```ts
 * isValidDate('2024-02-29'); // true
 * isValidDate('2023-02-29'); // false
 * ```
 */
export function isValidDate(date: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// The dot-atom of RFC 5322 for the local part and LDH labels for the domain, which needs a dot:
// the addresses a mail server accepts in practice, without quoted local parts or IP literals.
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * An e-mail address: at most 254 characters, a local part of at most 64 (RFC 5321), a domain
 * with at least one dot and a top-level label that starts with a letter. Internationalised
 * addresses must be given in their ASCII (punycode) form.
 *
 * @example
 * ```ts
 * isValidEmail('member@example.coop'); // true
 * isValidEmail('member@localhost'); // false
 * ```
 */
export function isValidEmail(email: string): boolean {
  if (email.length > 254 || !EMAIL.test(email)) return false;
  return email.indexOf('@') <= 64;
}

/**
 * A payment card number: 13 to 19 digits with a valid Luhn check digit.
 *
 * @example
 * ```ts
 * isValidBankCardNumber('2200000000000004'); // true
 * isValidBankCardNumber('2200000000000005'); // false
 * ```
 */
export function isValidBankCardNumber(number: string): boolean {
  if (!/^\d{13,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * The `format` values of the card schema and their checks. The precompiled validator in the SDK
 * imports this very object (Ajv's `code.formats`), so the schema, the generated code and the
 * unit-tested functions cannot drift apart.
 *
 * @example
 * ```ts
 * CARD_FORMATS['ru-inn-legal']('7707083893'); // true
 * ```
 */
export const CARD_FORMATS = {
  'ru-inn-person': isValidPersonInn,
  'ru-inn-legal': isValidLegalInn,
  'ru-ogrn': isValidOgrn,
  'ru-ogrnip': isValidOgrnip,
  'ru-kpp': isValidKpp,
  'ru-bik': isValidBik,
  'ru-account': isValidAccountNumber,
  'ru-passport-series': isValidPassportSeries,
  'ru-passport-number': isValidPassportNumber,
  'ru-subdivision-code': isValidSubdivisionCode,
  'ru-snils': isValidSnils,
  'bank-card-number': isValidBankCardNumber,
  'country-code': isValidCountryCode,
  phone: isValidPhone,
  date: isValidDate,
  email: isValidEmail,
} as const satisfies Record<string, (value: string) => boolean>;

/** A `format` used by the card schema. */
export type CardFormatName = keyof typeof CARD_FORMATS;
