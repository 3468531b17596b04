import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * A phone number as the member typed it, in E.164 (`+79161234567`), or `undefined` when it is
 * not a phone number. Without a `+` the number is read as Russian (`8 916 123-45-67`,
 * `9161234567`, `7 916 123 45 67`) and must be one: a number that could only be another
 * country's needs its `+` and country code, it is never turned into one silently.
 *
 * @example
 * ```ts
 * normalizePhone('8 916 123-45-67'); // '+79161234567'
 * normalizePhone('+7 (916) 123-45-67'); // '+79161234567'
 * normalizePhone('+44 20 7946 0958'); // '+442079460958'
 * normalizePhone('20 7946 0958'); // undefined: not Russian, no country code
 * ```
 */
export function normalizePhone(input: string): string | undefined {
  const text = input.trim();
  // Only the characters people write phone numbers with: no letters, no extensions.
  if (!/^\+?[\d\s().-]+$/.test(text)) return undefined;
  const international = text.startsWith('+');
  const digits = text.replace(/\D/g, '');
  // `7 916 …` and `8 916 …` are the trunk forms of a Russian number, 10 digits are the number
  // itself; anything else without `+` cannot be read as Russian.
  let national: string;
  if (international) national = `+${digits}`;
  else if (digits.length === 10) national = `+7${digits}`;
  else if (digits.length === 11 && /^[78]/.test(digits)) national = `+7${digits.slice(1)}`;
  else return undefined;
  const phone = parsePhoneNumberFromString(national);
  if (!phone?.isValid()) return undefined;
  return phone.number;
}
