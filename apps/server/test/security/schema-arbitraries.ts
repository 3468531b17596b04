import fc from 'fast-check';

/**
 * fast-check arbitraries from the JSON Schemas of an OpenAPI 3.1 document, for the fuzz spec:
 * values that mostly follow the schema (types, enums, bounds, formats, simple patterns) so that
 * requests reach the code behind validation, mixed with hostile ones (wrong types, huge or odd
 * strings, NUL, lone surrogates, prototype keys, deep nesting, numbers JSON.stringify cannot
 * write, missing required and extra properties).
 */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
}

/** A JSON number literal JSON.stringify cannot produce (1e309, -0, 1e-400), written verbatim. */
export class RawNumber {
  constructor(readonly literal: string) {}
}

/** Values for fields the schema alone does not make meaningful (a known cooperative, a key). */
export type KnownValues = Record<string, fc.Arbitrary<unknown>>;

export interface SchemaArbitraryOptions {
  /** Looks up `#/components/schemas/<name>`. */
  components: Record<string, JsonSchema>;
  /** By property name: valid values the fixture knows (mixed with generated ones). */
  known?: KnownValues;
  /** Weight of a hostile leaf against 10 valid ones; 0 for valid values only. */
  hostility: number;
}

const MAX_DEPTH = 6;

function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

/** An object whose own keys include ones like `__proto__` (a literal would set the prototype). */
function withOwnKeys(base: Record<string, unknown>, extra: [string, unknown][]): unknown {
  const copy: Record<string, unknown> = { ...base };
  for (const [key, value] of extra)
    Object.defineProperty(copy, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  'abc\u202edef',
  '\u200b\ufeff',
  `e${'\u0301'.repeat(300)}`,
  '🦄'.repeat(100),
  'ＡＢＣ＠ｅｘａｍｐｌｅ．ｃｏｍ',
  '%00',
  '%ZZ',
  '../../../etc/passwd',
  "' OR 1=1; --",
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  'javascript:alert(1)',
  '__proto__',
  'constructor',
  '2026-02-30T25:61:00Z',
  '0000-00-00',
  '00000000-0000-0000-0000-000000000000',
  'AAAA==',
];

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'extra', '', '\u0000', 'toString'];

/** A value of the wrong kind for whatever the schema asked. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  {
    weight: 4,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      2 ** 53 + 1,
      1e308,
      -1e308,
      new RawNumber('1e309'),
      new RawNumber('-1e309'),
      new RawNumber('-0'),
      new RawNumber('1e-400'),
      new RawNumber('123456789012345678901234567890'),
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.integer({ min: 0xd800, max: 0xdfff }), { minLength: 1, maxLength: 4 })
      .map((units) => String.fromCharCode(...units)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1_000, max: 120_000 }), fc.constantFrom('x', 'я', '🦄', '\u0000'))
      .map(([length, unit]) => unit.repeat(length)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 20, max: 1_000 }), fc.constantFrom('array', 'object' as const))
      .map(([depth, kind]) => nested(depth, kind)),
  },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 5 }) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.tuple(fc.constantFrom(...HOSTILE_KEYS), fc.jsonValue({ maxDepth: 2 })), {
        maxLength: 3,
      })
      .map((entries) => withOwnKeys({}, entries)),
  },
);

const dateTime = fc
  .date({
    min: new Date('1900-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString());

const base64url = (min: number, max: number) =>
  fc
    .uint8Array({ minLength: min, maxLength: max })
    .map((bytes) => Buffer.from(bytes).toString('base64url'));

/**
 * Strings matching `pattern`; a bare character class repeated (`^[A-Za-z0-9_-]*$`) gets the
 * schema's length bounds as its quantifier (fast-check draws short strings otherwise).
 */
function patternString(
  pattern: string,
  minLength: number,
  maxLength: number,
): fc.Arbitrary<string> | undefined {
  const repeated = /^\^(\[[^\]]+\])[*+]\$$/.exec(pattern);
  const source = repeated
    ? `^${repeated[1]}{${minLength},${Math.min(maxLength, minLength + 200)}}$`
    : pattern;
  try {
    return fc.stringMatching(new RegExp(source));
  } catch {
    return undefined;
  }
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 64, minLength + 256));
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return dateTime;
    case 'date':
      return dateTime.map((value) => value.slice(0, 10));
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
    case 'base64':
      return base64url(
        Math.ceil((minLength * 3) / 4),
        Math.max(1, Math.floor((maxLength * 3) / 4)),
      );
    default:
  }
  const patterned = schema.pattern
    ? patternString(schema.pattern, minLength, maxLength)
    : undefined;
  if (patterned) return patterned;
  return fc.oneof(
    fc.string({ unit: 'grapheme-ascii', minLength, maxLength }),
    fc.string({ unit: 'grapheme', minLength, maxLength }),
  );
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min =
    schema.minimum ??
    (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1_000_000);
  const max =
    schema.maximum ??
    (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000_000);
  if (integer) {
    const low = Math.max(Math.ceil(min), Number.MIN_SAFE_INTEGER);
    const high = Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER);
    return fc.integer({ min: low, max: Math.max(low, high) });
  }
  return fc.double({ min, max: Math.max(min, max), noNaN: true, noDefaultInfinity: true });
}

/** The arbitraries of one document: `value(schema)` follows it, with hostility as configured. */
export class SchemaArbitraries {
  constructor(private readonly options: SchemaArbitraryOptions) {}

  resolve(schema: JsonSchema | undefined, depth = 0): JsonSchema | undefined {
    if (!schema?.$ref || depth > 10) return schema;
    return this.resolve(this.options.components[schema.$ref.split('/').pop()!], depth + 1);
  }

  /** A value for `schema` (the property `name`, when it is one). */
  value(schema: JsonSchema | undefined, name = '', depth = 0): fc.Arbitrary<unknown> {
    const valid = this.valid(this.resolve(schema), name, depth);
    const { hostility } = this.options;
    if (hostility === 0) return valid;
    return fc.oneof(
      { weight: 10, arbitrary: valid },
      { weight: hostility, arbitrary: hostileValue },
    );
  }

  private valid(
    schema: JsonSchema | undefined,
    name: string,
    depth: number,
  ): fc.Arbitrary<unknown> {
    if (!schema || depth > MAX_DEPTH) return fc.jsonValue({ maxDepth: 1 });
    const known = this.options.known?.[name];
    const generated = this.generated(schema, name, depth);
    return known
      ? fc.oneof({ weight: 3, arbitrary: known }, { weight: 1, arbitrary: generated })
      : generated;
  }

  private generated(schema: JsonSchema, name: string, depth: number): fc.Arbitrary<unknown> {
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum?.length) return fc.constantFrom(...schema.enum);
    const variants = schema.anyOf ?? schema.oneOf;
    if (variants?.length)
      return fc.oneof(...variants.map((variant) => this.value(variant, name, depth + 1)));
    if (schema.allOf?.length) return this.value(schema.allOf[0], name, depth + 1);
    const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
    if (types.length > 1)
      return fc.oneof(...types.map((type) => this.generated({ ...schema, type }, name, depth)));
    switch (types[0]) {
      case 'object':
        return this.object(schema, depth);
      case 'array':
        return fc.array(this.value(schema.items, name, depth + 1), {
          minLength: schema.minItems ?? 0,
          maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 6)),
        });
      case 'integer':
        return numberArbitrary(schema, true);
      case 'number':
        return numberArbitrary(schema, false);
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'string':
        return stringArbitrary(schema);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  private object(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
    const properties = schema.properties ?? {};
    const required = (schema.required ?? []).filter((key) => key in properties);
    const shaped =
      Object.keys(properties).length > 0
        ? fc.record(
            Object.fromEntries(
              Object.entries(properties).map(([key, child]) => [
                key,
                this.value(child, key, depth + 1),
              ]),
            ),
            { requiredKeys: required },
          )
        : fc.constant({});
    const additional =
      typeof schema.additionalProperties === 'object'
        ? fc.dictionary(
            fc.string({ maxLength: 12 }),
            this.value(schema.additionalProperties, '', depth + 1),
            {
              maxKeys: 4,
            },
          )
        : fc.constant({});
    const base = fc.tuple(shaped, additional).map(([fields, extra]): Record<string, unknown> => ({
      ...extra,
      ...(fields as Record<string, unknown>),
    }));
    const { hostility } = this.options;
    if (hostility === 0) return base;
    // Hostile shapes: a required property missing, or properties nobody declared.
    return fc.oneof(
      { weight: 10, arbitrary: base },
      {
        weight: hostility,
        arbitrary: fc
          .tuple(base, fc.constantFrom(...(required.length ? required : ['-'])))
          .map(([value, missing]) => {
            const copy = { ...value };
            delete copy[missing];
            return copy;
          }),
      },
      {
        weight: hostility,
        arbitrary: fc
          .tuple(
            base,
            fc.array(fc.tuple(fc.constantFrom(...HOSTILE_KEYS), hostileValue), {
              minLength: 1,
              maxLength: 3,
            }),
          )
          .map(([value, extra]) => withOwnKeys(value, extra)),
      },
    );
  }
}

/** JSON text of a generated value, RawNumber literals written as they are. */
export function toJsonText(value: unknown): string {
  const marker = '\u0001raw:';
  const text = JSON.stringify(value, (_key, item: unknown) =>
    item instanceof RawNumber ? `${marker}${item.literal}\u0001` : item,
  );
  return (text ?? 'null').replace(/"\\u0001raw:([^\\]*)\\u0001"/g, '$1');
}
