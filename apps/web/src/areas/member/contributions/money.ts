import type { Money } from '@cardcoop/contracts';

const LOCALES: Record<string, string> = { ru: 'ru-RU', en: 'en-GB' };

/**
 * Integer minor units as money for people: `{ amount: 120000, currency: 'RUB' }` →
 * `1 200,00 ₽` (ru), `RUB 1,200.00` (en). Exact for any safe integer (no float rounding).
 *
 * @example
 * ```ts
 * formatMoney({ amount: 150, currency: 'RUB' }, 'ru'); // '1,50 ₽'
 * ```
 */
export function formatMoney({ amount, currency }: Money, language: string): string {
  const format = new Intl.NumberFormat(LOCALES[language] ?? LOCALES.ru, {
    style: 'currency',
    currency,
  });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const scale = 10n ** BigInt(digits);
  const whole = BigInt(amount) / scale;
  const fraction = (BigInt(amount) % scale).toString().padStart(digits, '0');
  const decimal = digits > 0 ? `${whole}.${fraction}` : `${whole}`;
  return format.format(decimal as Intl.StringNumericLiteral);
}

/** An instant on the wire as a day in the page's language, in the browser's time zone. */
export function formatDay(iso: string, language: string): string {
  return new Intl.DateTimeFormat(LOCALES[language] ?? LOCALES.ru, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(iso));
}
