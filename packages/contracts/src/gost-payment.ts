// The payment QR code of ГОСТ Р 56042-2014 ("Стандарты финансовых операций. Символы
// двумерные штриховые для осуществления платежей физических лиц"): a header, then
// `Key=Value` pairs split by a separator. Pure functions shared by the server (the payload a
// member receives) and the web app (the QR it draws).

/**
 * The header: format `ST`, version `0001`, encoding `2` (UTF-8; `1` would be windows-1251,
 * `3` KOI8-R). The separator follows it; `|` is the standard's default.
 */
export const GOST_HEADER = 'ST00012';
export const GOST_SEPARATOR = '|';

/**
 * The fields this system writes, in the order it writes them: the five the standard requires
 * (Name … CorrespAcc, in the standard's order), then the optional ones (their order is free).
 * Maximum lengths are the standard's.
 */
export const GOST_FIELD_LIMITS = {
  Name: 160,
  PersonalAcc: 20,
  BankName: 45,
  BIC: 9,
  CorrespAcc: 20,
  PayeeINN: 12,
  KPP: 9,
  Sum: 18,
  Purpose: 210,
} as const;
export type GostField = keyof typeof GOST_FIELD_LIMITS;

/**
 * One payment to encode. `Sum` is in kopecks (an integer; the QR needs roubles), the text
 * fields must be free of the separator and of control characters (see {@link isGostText}).
 *
 * @example
 * ```ts
 * const payment: GostPayment = {
 *   Name: 'ПК "Восход"',
 *   PersonalAcc: '40702810938000000001',
 *   BankName: 'ПАО Сбербанк',
 *   BIC: '044525225',
 *   CorrespAcc: '30101810400000000225',
 *   PayeeINN: '7707083893',
 *   KPP: '773601001',
 *   Sum: 150000,
 *   Purpose: 'Паевой взнос',
 * };
 * ```
 */
export interface GostPayment {
  Name: string;
  PersonalAcc: string;
  BankName: string;
  BIC: string;
  CorrespAcc: string;
  PayeeINN?: string;
  KPP?: string;
  Sum?: number;
  Purpose?: string;
}

// The separator would split a value in two; line breaks and other control characters end or
// corrupt the payload in banking apps.
const FORBIDDEN = /[|\p{Cc}]/u;

/**
 * Whether `value` can be a ГОСТ Р 56042-2014 value as written here: not empty, no `|` (the
 * separator), no control characters, no spaces at either end.
 *
 * @example
 * ```ts
 * isGostText('Паевой взнос'); // true
 * isGostText('Взнос|Sum=1'); // false
 * ```
 */
export function isGostText(value: string): boolean {
  return value.length > 0 && !FORBIDDEN.test(value) && value.trim() === value;
}

function valueOf(field: GostField, value: string | number): string {
  const text = field === 'Sum' ? sumText(value) : String(value);
  if (!isGostText(text) || text.length > GOST_FIELD_LIMITS[field]) {
    throw new RangeError(`${field} cannot be written in a ГОСТ Р 56042-2014 payload`);
  }
  return text;
}

function sumText(value: string | number): string {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError('Sum must be a positive integer number of kopecks');
  }
  return String(value);
}

/**
 * The payload string of the payment QR code: `ST00012|Name=…|PersonalAcc=…|BankName=…|BIC=…|
 * CorrespAcc=…|PayeeINN=…|KPP=…|Sum=…|Purpose=…`, optional fields left out when absent.
 *
 * @throws RangeError when a value holds the separator or a control character, is empty, or is
 * longer than the standard allows; or when `Sum` is not a positive whole number of kopecks.
 * @example
 * ```ts
 * gostPaymentPayload({ Name: 'ПК Восход', PersonalAcc: '40702810938000000001',
 *   BankName: 'ПАО Сбербанк', BIC: '044525225', CorrespAcc: '30101810400000000225', Sum: 150000 });
 * // 'ST00012|Name=ПК Восход|PersonalAcc=40702810938000000001|BankName=ПАО Сбербанк|BIC=044525225|CorrespAcc=30101810400000000225|Sum=150000'
 * ```
 */
export function gostPaymentPayload(payment: GostPayment): string {
  const pairs = (Object.keys(GOST_FIELD_LIMITS) as GostField[]).flatMap((field) => {
    const value = payment[field];
    return value === undefined ? [] : [`${field}=${valueOf(field, value)}`];
  });
  return [GOST_HEADER, ...pairs].join(GOST_SEPARATOR);
}

/**
 * The fields of a payload, in order, as a banking app reads them (for tests and for showing
 * what a QR code says). Each pair splits at its first `=`.
 *
 * @throws RangeError when the header is not `ST00012` followed by `|`.
 * @example
 * ```ts
 * parseGostPayload('ST00012|Name=ПК Восход|Sum=100'); // [['Name', 'ПК Восход'], ['Sum', '100']]
 * ```
 */
export function parseGostPayload(payload: string): [string, string][] {
  if (!payload.startsWith(GOST_HEADER + GOST_SEPARATOR)) {
    throw new RangeError('not a ГОСТ Р 56042-2014 UTF-8 payload');
  }
  return payload
    .slice(GOST_HEADER.length + 1)
    .split(GOST_SEPARATOR)
    .map((pair) => {
      const at = pair.indexOf('=');
      return at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    });
}
