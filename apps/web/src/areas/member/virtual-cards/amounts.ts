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
  if (digits === 0) return String(minor);
  const text = String(minor).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
