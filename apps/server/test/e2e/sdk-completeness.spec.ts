import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as sdk from '@cardcoop/sdk';
import * as business from '@cardcoop/sdk/business';
import * as coop from '@cardcoop/sdk/coop';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../support/openapi-document.js';
import type { OpenApiOperation as Operation } from '../support/openapi-document.js';
import { SDK_OPERATIONS } from '../support/sdk-operations.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/**
 * The SDK and the published OpenAPI document in step (test/support/sdk-operations.ts): every
 * operation has an entry and every entry an operation; each SDK function named there exists, and
 * its source file asks for the operation's path; each operation says what it does and what it
 * answers.
 */

const SDK_SOURCE = path.resolve(import.meta.dirname, '../../../../packages/sdk/src');
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

let server: TestApp;
let document: Awaited<ReturnType<typeof openApiDocument>>;

beforeAll(async () => {
  server = await startTestApp({ env: { LOG_LEVEL: 'warn' } });
  document = await openApiDocument(server);
});
afterAll(() => server.close());

function operations(): [string, Operation][] {
  return Object.entries(document.paths).flatMap(([template, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]): [string, Operation] => [
        `${method.toUpperCase()} ${template}`,
        operation,
      ]),
  );
}

const read = (file: string) => readFileSync(path.join(SDK_SOURCE, file), 'utf8');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The SDK file (under SDK_SOURCE) that `specifier`, imported from `from`, names. */
const importedFile = (from: string, specifier: string) =>
  path.posix.join(path.posix.dirname(from), specifier).replace(/\.js$/, '.ts');

/** The SDK TypeScript files `file` imports (generated JavaScript left out). */
const importsOf = (file: string) =>
  [...read(file).matchAll(/from\s*'(\.[^']+)'/g)]
    .map(([, from]) => importedFile(file, from!))
    .filter((imported) => existsSync(path.join(SDK_SOURCE, imported)));

/** The relative file `file` imports `name` from, if any. */
function importOf(file: string, name: string): string | undefined {
  const found = new RegExp(
    `import\\s*\\{[^}]*\\b${escape(name)}\\b[^}]*\\}\\s*from\\s*'(\\.[^']+)'`,
  ).exec(read(file));
  return found ? importedFile(file, found[1]!) : undefined;
}

/** Where an index re-exports `name` from (`export { a, b as c } from './x.js'`). */
function exportOf(index: string, name: string): string | undefined {
  for (const [, names, from] of read(index).matchAll(
    /export\s*\{([^}]*)\}\s*from\s*'(\.[^']+)'/g,
  )) {
    const exported = names!.split(',').map((entry) =>
      entry
        .trim()
        .split(/\s+as\s+/)
        .at(-1),
    );
    if (exported.includes(name)) return importedFile(index, from!);
  }
  return undefined;
}

/**
 * The source file defining an SDK function named as in SDK_OPERATIONS: a member or client
 * property follows the `create…Client(` factories from member-client.ts (client.ts); an export
 * is found through its index.
 */
function definingFile(name: string): string | undefined {
  const [head, ...rest] = name.split('.');
  if (head === 'coop') return exportOf('coop/index.ts', rest[0]!);
  const roots: Record<string, string> = {
    member: 'member/member-client.ts',
    client: 'client.ts',
    business: 'business/business-client.ts',
    platform: 'business/platform-client.ts',
  };
  if (!(head! in roots)) return exportOf('index.ts', head!);
  let file = roots[head!]!;
  for (const property of rest.slice(0, -1)) {
    const factory = new RegExp(`\\b${escape(property)}\\s*[:=]\\s*(create\\w+)\\(`).exec(
      read(file),
    );
    if (factory) file = importOf(file, factory[1]!) ?? file;
  }
  return file;
}

/** The runtime value an SDK name stands for (a function when the entry is right). */
function runtimeValue(name: string, clients: Record<string, object>): unknown {
  const [head, ...rest] = name.split('.');
  const root: unknown = clients[head!] ?? (head === 'coop' ? coop : Reflect.get(sdk, head!));
  return rest.reduce<unknown>((value, property) => {
    if (typeof value === 'function' && !(property in value)) {
      return Reflect.get((value as { prototype: object }).prototype, property);
    }
    return value && typeof value === 'object' ? Reflect.get(value, property) : undefined;
  }, root);
}

/**
 * The file's text with `${CONSTANT}` interpolations replaced by the constants' values, its own
 * and those of the SDK files it imports (`${AUTH_PATH}/totp` → `/api/v1/auth/totp`).
 */
function resolvedSource(file: string): string {
  const constants = new Map<string, string>();
  const text = read(file);
  for (const source of [...importsOf(file).map(read), text]) {
    for (const [, name, value] of source.matchAll(/const\s+(\w+)\s*=\s*['`]([^'`]*)['`]/g)) {
      constants.set(name!, value!);
    }
  }
  let resolved = text;
  for (let round = 0; round < 5; round++) {
    resolved = resolved.replace(
      /\$\{(\w+)\}/g,
      (whole, name: string) => constants.get(name) ?? whole,
    );
  }
  return resolved;
}

/**
 * Whether the text builds the path: its leading static part (at least the first three segments,
 * e.g. `/api/v1/meetings`) as one literal, and each later static segment as a literal part.
 */
function buildsPath(text: string, template: string): boolean {
  const segments = template.split('/').filter(Boolean);
  const firstParameter = segments.findIndex((segment) => segment.startsWith('{'));
  const leading = firstParameter === -1 ? segments : segments.slice(0, firstParameter);
  const end = '(?![\\w-])';
  for (let length = leading.length; length >= Math.min(leading.length, 3); length--) {
    const prefix = `/${leading.slice(0, length).join('/')}`;
    if (!new RegExp(`${escape(prefix)}${end}`).test(text)) continue;
    const later = segments
      .slice(length)
      .filter((segment) => !segment.startsWith('{'))
      .every((segment) => new RegExp(`[/'"\`]${escape(segment)}${end}`).test(text));
    if (later) return true;
  }
  return false;
}

describe('the SDK and the OpenAPI document', () => {
  it('has one table entry per operation of the document', () => {
    const documented = operations().map(([key]) => key);
    const listed = Object.keys(SDK_OPERATIONS);
    expect(
      {
        missing: documented.filter((key) => !listed.includes(key)),
        stale: listed.filter((key) => !documented.includes(key)),
      },
      'operations without an entry in test/support/sdk-operations.ts (missing), entries without an operation (stale)',
    ).toEqual({ missing: [], stale: [] });
  });

  it('names SDK functions that exist and whose source asks for the operation', () => {
    const member = sdk.createMemberClient({
      baseUrl: 'http://127.0.0.1:9',
      store: new sdk.MemoryMemberSessionStore(),
    });
    const clients = {
      member,
      client: sdk.createClient({ baseUrl: 'http://127.0.0.1:9' }),
      business: business.createBusinessClient(member),
      platform: business.createPlatformClient(member),
    };
    const wrong: string[] = [];
    try {
      for (const [operation, entry] of Object.entries(SDK_OPERATIONS)) {
        if ('outside' in entry) {
          if (entry.outside.trim().length < 10) wrong.push(`${operation}: no reason given`);
          continue;
        }
        if (typeof runtimeValue(entry.sdk, clients) !== 'function') {
          wrong.push(`${operation}: ${entry.sdk} is not an SDK function`);
          continue;
        }
        const file = definingFile(entry.sdk);
        const last = entry.sdk.split('.').at(-1)!;
        if (
          !file ||
          !new RegExp(`\\b${last}\\b\\s*[:(,]|function\\s+${last}\\b`).test(read(file))
        ) {
          wrong.push(`${operation}: no source file defining ${entry.sdk} (${file ?? 'none'})`);
          continue;
        }
        if (entry.via && !importsOf(file).includes(entry.via)) {
          wrong.push(`${operation}: ${file} does not import ${entry.via}`);
          continue;
        }
        const requester = entry.via ?? file;
        if (!buildsPath(resolvedSource(requester), operation.split(' ')[1]!)) {
          wrong.push(`${operation}: ${requester} (${entry.sdk}) does not build this path`);
        }
      }
    } finally {
      member.session.close();
    }
    expect(wrong).toEqual([]);
  });

  it('says what every operation does', () => {
    const silent = operations()
      .filter(([, operation]) => !operation.summary?.trim() && !operation.description?.trim())
      .map(([key]) => key);
    expect(silent, 'operations without a summary or description').toEqual([]);
  });

  it('declares what every operation answers on success', () => {
    const undeclared = operations()
      .filter(([, { responses = {} }]) => {
        const success = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
        return (
          success.length === 0 ||
          success.some(
            ([status, response]) =>
              status !== '204' &&
              !Object.values(response.content ?? {}).some((media) => {
                const { schema } = media as { schema?: object };
                return schema !== undefined && Object.keys(schema).length > 0;
              }),
          )
        );
      })
      .map(([key]) => key);
    expect(undeclared, 'operations without a success response schema').toEqual([]);
  });
});
