/** How many minor units a major unit of `currency` has, as a power of ten (USD: 2, JPY: 0). */
export function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/**
 * An amount typed in major units (`12.5`, `12,50`, `1 000`) as integer minor units of
 * `currency` (`1250`, `1250`, `100000`); undefined when it is not a positive amount with at most
 * the currency's decimals. Exact: no float arithmetic.
 *
 * @example
 * ```ts
 * toMinor('10,05', 'USD'); // 1005
 * toMinor('0', 'USD'); // undefined
 * ```
 */
export function toMinor(typed: string, currency: string): number | undefined {
  const digits = currencyDigits(currency);
  const text = typed.replace(/[\s\u00a0]/g, '').replace(',', '.');
  const match = /^(\d{1,13})(?:\.(\d*))?$/.exec(text);
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return undefined;
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) && minor > 0 ? minor : undefined;
}

/** Minor units as the major-unit text of an input (`1005`, USD → `10.05`). */
export function toMajorText(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor));
  if (digits === 0) return `${sign}${text}`;
  const padded = text.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** Minor units shown with the currency in the page's language: `1 500,00 $`, `$1,500.00`. */
export function formatMoney(minor: number, currency: string, language: string): string {
  const digits = currencyDigits(currency);
  const format = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'ru-RU', {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // Through the major-unit text: exact for any safe integer of minor units.
  return format.format(Number(toMajorText(minor, currency)));
}

/** A list of amounts per currency, or `empty` when there is none. */
export function formatMoneyList(
  list: readonly { amount: number; currency: string }[],
  language: string,
  empty: string,
): string {
  return list.length === 0
    ? empty
    : list.map((money) => formatMoney(money.amount, money.currency, language)).join(' · ');
}

/** `2026-12-05T…` as the local date and time in the page's language. */
export function formatInstant(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ru-RU', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/** The last 30 days, today included (UTC, as the reports count days). */
export function lastMonth(now = new Date()): { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - 29 * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

/** Saves bytes as a file of the browser's downloads; nothing stays in the page. */
export function saveBytes(name: string, bytes: Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}
