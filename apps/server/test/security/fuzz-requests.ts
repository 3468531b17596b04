import fc from 'fast-check';
import { hostileValue, SchemaArbitraries, toJsonText } from './schema-arbitraries.js';
import type { JsonSchema, KnownValues } from './schema-arbitraries.js';

/** One operation of the OpenAPI document, as far as the fuzzer reads it. */
export interface Operation {
  'x-policy'?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export type Credential =
  | 'right'
  | 'none'
  | 'garbage bearer'
  | 'garbage basic'
  | 'member'
  | 'coop'
  | 'admin key'
  | 'coop token';

/** A generated request; `body` undefined sends none. `sign` asks for a valid Signature header. */
export interface FuzzRequest {
  credential: Credential;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  sign: boolean;
}

const BINARY_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
const MAGIC: Record<string, number[]> = {
  'application/pdf': [...Buffer.from('%PDF-1.7\n')],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff, 0xe0],
};

/** Path segments sent as they are: bad percent-encoding, traversal, overlong UTF-8. */
const RAW_SEGMENTS = [
  '%00',
  'a%00b',
  '%ZZ',
  '%',
  '%C0%AF',
  '%ED%A0%80',
  '%E2%80%AE',
  '%F0%9F%A6%84',
  '..%2F..%2Fetc%2Fpasswd',
  '.',
  '%2E%2E',
  'A'.repeat(300),
  '-1',
  '0',
  '1e309',
  'NaN',
  '%5B%5D',
  '__proto__',
  'constructor',
];

/** Query pairs no parameter declares: pollution attempts and malformed encodings. */
const RAW_QUERY = [
  '__proto__[polluted]=1',
  'constructor[prototype][polluted]=1',
  '__proto__=x',
  '%ZZ=1',
  'x=%00',
  'a[b][c][d][e][f]=1',
  '=&&=',
  `q=${'x'.repeat(5000)}`,
];

/** Percent-encodes a value; lone surrogates become U+FFFD (as a browser would send them). */
export function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8'));
  }
}

const asText = (value: unknown): string =>
  typeof value === 'string' ? value : toJsonText(value).replace(/^"|"$/g, '');

/** A JSON body past the default 1 MiB limit. */
const OVER_LIMIT = `{"a":"${'x'.repeat(1_100_000)}"}`;

/** Whole bodies that are wrong before any schema is consulted. */
function rawBodies(valid: fc.Arbitrary<string>): fc.Arbitrary<string | Buffer> {
  return fc.oneof(
    {
      weight: 60,
      arbitrary: fc.constantFrom<string | Buffer>(
        '',
        '{',
        'null',
        '"x"',
        '42',
        '[]',
        '{"a":1,"a":2}',
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
        `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
        `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
        Buffer.concat([
          Buffer.from('{"a":"'),
          Buffer.from([0xff, 0xfe, 0xc0, 0xaf]),
          Buffer.from('"}'),
        ]),
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')]),
        Buffer.from('{"a":"x"}', 'utf16le'),
        '{"a":"\\ud800"}',
        '{"a":"\\u0000"}',
        '{"a":1e309,"b":-0,"c":1e-400}',
      ),
    },
    { weight: 12, arbitrary: valid.map((text) => text.slice(0, Math.max(1, text.length >> 1))) },
    // Past the body limit (one shared string: it is sent, not generated, each time).
    { weight: 1, arbitrary: fc.constant(OVER_LIMIT) },
  );
}

/** Builds the request arbitrary of every operation of one document. */
export class RequestArbitraries {
  private readonly valid: SchemaArbitraries;
  private readonly mixed: SchemaArbitraries;

  constructor(
    components: Record<string, JsonSchema>,
    private readonly known: KnownValues,
  ) {
    this.valid = new SchemaArbitraries({ components, known, hostility: 0 });
    this.mixed = new SchemaArbitraries({ components, known, hostility: 1 });
  }

  /** A text value for a path, query or header parameter. */
  private parameter(schema: JsonSchema | undefined, name: string): fc.Arbitrary<string> {
    return fc.oneof(
      { weight: 6, arbitrary: this.valid.value(schema, name).map(asText) },
      { weight: 2, arbitrary: hostileValue.map(asText) },
    );
  }

  private pathValue(schema: JsonSchema | undefined, name: string): fc.Arbitrary<string> {
    return fc.oneof(
      { weight: 8, arbitrary: this.parameter(schema ?? { type: 'string' }, name).map(encode) },
      { weight: 2, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
    );
  }

  private query(operation: Operation): fc.Arbitrary<string> {
    const declared = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
    const pairs = declared.map((parameter) =>
      fc.option(
        fc
          .oneof(
            {
              weight: 9,
              arbitrary: this.parameter(parameter.schema, parameter.name).map((v) => [v]),
            },
            // The same parameter twice: an array where a string is expected.
            {
              weight: 1,
              arbitrary: fc.array(this.parameter(parameter.schema, parameter.name), {
                minLength: 2,
                maxLength: 3,
              }),
            },
          )
          .map((values) =>
            values.map((value) => `${encode(parameter.name)}=${encode(value)}`).join('&'),
          ),
        { nil: undefined, freq: 3 },
      ),
    );
    return fc
      .tuple(
        fc.tuple(...pairs),
        fc.option(fc.constantFrom(...RAW_QUERY), { nil: undefined, freq: 6 }),
      )
      .map(([declaredPairs, extra]) => {
        const parts = [...declaredPairs, extra].filter(
          (part): part is string => part !== undefined,
        );
        return parts.length ? `?${parts.join('&')}` : '';
      });
  }

  private headers(operation: Operation): fc.Arbitrary<Record<string, string>> {
    const declared = (operation.parameters ?? []).filter((parameter) => parameter.in === 'header');
    const printable = fc.string({
      unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      maxLength: 80,
    });
    const value = fc.oneof(
      { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9_.:-]{8,64}$/) },
      { weight: 2, arbitrary: printable },
      { weight: 1, arbitrary: fc.constantFrom('', ' ', 'x'.repeat(9_000), '%00', 'é'.repeat(20)) },
    );
    return fc
      .tuple(
        fc.tuple(...declared.map(() => fc.option(value, { nil: undefined, freq: 8 }))),
        fc.constantFrom('en', 'ru', 'zz', '*;q=bad', 'ru-RU,ru;q=0.9,en;q=0.8', ''),
      )
      .map(([values, language]) => {
        const headers: Record<string, string> = { 'accept-language': language };
        declared.forEach((parameter, index) => {
          const given = values[index];
          if (given !== undefined) headers[parameter.name.toLowerCase()] = given;
        });
        return headers;
      });
  }

  /** The body and its content type; `schemaOverride` for a body the document does not describe. */
  private body(
    method: string,
    operation: Operation,
    schemaOverride?: JsonSchema,
  ): fc.Arbitrary<{ body?: string | Buffer; contentType?: string }> {
    const content = operation.requestBody?.content ?? {};
    const binary = Object.keys(content).filter((type) => BINARY_TYPES.includes(type));
    if (binary.length) {
      return fc
        .tuple(
          fc.constantFrom(
            ...binary,
            ...binary,
            'application/json',
            'text/plain',
            'application/octet-stream',
          ),
          fc.boolean(),
          fc.uint8Array({ maxLength: 4_096 }),
        )
        .map(([contentType, magic, bytes]) => ({
          contentType,
          body: Buffer.concat([Buffer.from(magic ? (MAGIC[contentType] ?? []) : []), bytes]),
        }));
    }
    const schema = schemaOverride ?? content['application/json']?.schema;
    const json = schema
      ? fc.oneof(
          { weight: 3, arbitrary: this.valid.value(schema).map(toJsonText) },
          { weight: 5, arbitrary: this.mixed.value(schema).map(toJsonText) },
        )
      : fc.oneof(fc.constant('{}'), hostileValue.map(toJsonText));
    const expectsBody = schema !== undefined;
    const bodies = fc.oneof(
      { weight: expectsBody ? 8 : 1, arbitrary: json },
      { weight: 2, arbitrary: rawBodies(json) },
    );
    const contentType = fc.oneof(
      { weight: 12, arbitrary: fc.constant('application/json') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/json; charset=latin1',
          'multipart/form-data; boundary=x',
          'application/json; charset=utf-16',
        ),
      },
    );
    const withBody = fc.record({ body: bodies, contentType });
    if (!expectsBody && !['post', 'put', 'patch', 'delete'].includes(method))
      return fc.oneof(
        { weight: 9, arbitrary: fc.constant({}) },
        { weight: 1, arbitrary: withBody },
      );
    return expectsBody
      ? withBody
      : fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: withBody });
  }

  /** Every part of a request to `template`: credential, path and query parameters, headers, body. */
  request(
    method: string,
    template: string,
    operation: Operation,
    schemaOverride?: JsonSchema,
  ): fc.Arbitrary<FuzzRequest> {
    const names = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
    const declared = new Map(
      (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'path')
        .map((parameter) => [parameter.name, parameter.schema]),
    );
    const credential = fc.oneof(
      { weight: 16, arbitrary: fc.constant<Credential>('right') },
      {
        weight: 4,
        arbitrary: fc.constantFrom<Credential>(
          'none',
          'garbage bearer',
          'garbage basic',
          'member',
          'coop',
          'admin key',
          'coop token',
        ),
      },
    );
    return fc
      .record({
        credential,
        path: fc.tuple(...names.map((name) => this.pathValue(declared.get(name), name))),
        query: this.query(operation),
        headers: this.headers(operation),
        body: this.body(method, operation, schemaOverride),
        sign: fc.boolean(),
      })
      .map(({ credential: chosen, path, query, headers, body, sign }) => {
        let index = 0;
        const url = template.replace(/\{\w+\}/g, () => path[index++]!) + query;
        return {
          credential: chosen,
          url,
          headers: {
            ...headers,
            ...(body.contentType ? { 'content-type': body.contentType } : {}),
          },
          ...(body.body !== undefined ? { body: body.body } : {}),
          sign,
        };
      });
  }
}
