/**
 * A value that JSON (and so RFC 8785) can represent.
 *
 * @example
 * ```ts
 * const meta: JsonValue = { version: 3, kind: 'person' };
 * ```
 */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const LONE_SURROGATE = /\p{Cs}/u;

/**
 * RFC 8785 (JCS) canonical JSON: object keys sorted by UTF-16 code units, no whitespace, strings
 * and numbers serialized as ECMAScript's `JSON.stringify` does. Output equals npm `canonicalize`
 * for every input both accept.
 *
 * Like `JSON.stringify`, object properties whose value is `undefined` are left out and `toJSON()`
 * is honoured. Stricter than it, what JCS cannot represent is refused rather than guessed:
 * `undefined` at the top level or in an array, `NaN`/`Infinity`, functions, symbols, bigints and
 * strings with lone surrogates.
 *
 * @throws TypeError for a value JCS cannot represent.
 * @example
 * ```ts
 * canonicalize({ b: [1e30, 4.5], a: 'é' }); // '{"a":"é","b":[1e+30,4.5]}'
 * ```
 */
export function canonicalize(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`JCS cannot represent ${value}.`);
      return JSON.stringify(value);
    case 'string':
      if (LONE_SURROGATE.test(value)) throw new TypeError('JCS cannot represent lone surrogates.');
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`JCS cannot represent a value of type ${typeof value}.`);
  }
  const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return canonicalize(toJSON.call(value));
  if (Array.isArray(value)) return `[${value.map((item) => canonicalize(item)).join(',')}]`;
  const record = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, which is exactly RFC 8785 §3.2.3.
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${canonicalize(key)}:${canonicalize(record[key])}`);
  return `{${members.join(',')}}`;
}
