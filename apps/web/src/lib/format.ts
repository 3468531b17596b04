import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * How the card's values read for people, in the card view and the consent screen. Pure
 * functions: the stored value and the page's language in, text out.
 */

// English dates the British way, day first, as Russian ones are: `12 May 1986`.
const DATE_LOCALES: Record<string, string> = { ru: 'ru-RU', en: 'en-GB' };

/**
 * A calendar day stored as `YYYY-MM-DD`, as words, with no time zone shift:
 * `12 мая 1986 г.` (ru), `12 May 1986` (en). A value that is no such date is returned as is.
 *
 * @example
 * ```ts
 * formatDate('1986-05-12', 'ru'); // '12 мая 1986 г.'
 * formatDate('1986-05-12', 'en'); // '12 May 1986'
 * ```
 */
export function formatDate(iso: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return iso;
  // Years 0–99 would otherwise be read as 1900–1999.
  date.setUTCFullYear(year);
  return new Intl.DateTimeFormat(DATE_LOCALES[language] ?? DATE_LOCALES.ru, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/**
 * A phone number stored in E.164, grouped for reading: `+79161234567` → `+7 916 123-45-67`,
 * `+442071838750` → `+44 20 7183 8750`. A value that is not such a number is returned as is.
 *
 * @example
 * ```ts
 * formatPhone('+79161234567'); // '+7 916 123-45-67'
 * ```
 */
export function formatPhone(e164: string): string {
  if (!/^\+\d+$/.test(e164)) return e164;
  const phone = parsePhoneNumberFromString(e164);
  if (!phone?.isValid()) return e164;
  // The +7 zone the way it is written in Russia, dashes in the subscriber number.
  const n = phone.nationalNumber;
  if (phone.countryCallingCode === '7' && n.length === 10) {
    return `+7 ${n.slice(0, 3)} ${n.slice(3, 6)}-${n.slice(6, 8)}-${n.slice(8)}`;
  }
  return phone.formatInternational();
}
