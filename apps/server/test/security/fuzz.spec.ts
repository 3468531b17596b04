import fc from 'fast-check';
import { PrivateKey } from '@wharfkit/antelope';
import { z } from 'zod';
import { aiforySignature, aiforyWebhookSchema, errorBodySchema } from '@cardcoop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFuzzScene } from './fuzz-scene.js';
import type { FuzzScene } from './fuzz-scene.js';
import { RequestArbitraries } from './fuzz-requests.js';
import type { Credential, FuzzRequest, Operation } from './fuzz-requests.js';
import type { JsonSchema } from './schema-arbitraries.js';

/**
 * Issue 16: a property-based fuzz of every operation of the published OpenAPI document. For
 * each one fast-check draws RUNS requests from its JSON Schemas (body, path, query and header
 * parameters): mostly valid values, so that requests reach the code behind validation, mixed
 * with hostile ones (wrong types, huge strings, NUL, lone surrogates, prototype keys, deep
 * nesting, 1e309, extra and missing properties, broken JSON and encodings, wrong content types,
 * forged credentials). They go in through `inject` with the credential the operation's policy
 * wants (the scene's member is the cooperative's owner and a platform admin, stepped up), or
 * sometimes a wrong one. No answer may be a 5xx, carry a stack trace or a source path, and every
 * error has the ErrorBody shape. Per-operation counts and the totals are printed.
 *
 * Nothing is left out: the document upload gets random bytes under its three media types, and
 * the Aifory webhook (no body schema in the document) gets bodies from the contracts' zod schema,
 * half of them signed with the webhook secret so they get past the signature check.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 0x16_f022);
/** Requests per operation. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const CONCURRENCY = 8;

/**
 * Run after all others, in this order: they may end the member's other sessions, change the
 * cooperative or rotate the client secret the cooperative API operations use.
 */
const LAST = [
  /^DELETE \/api\/v1\/sessions$/,
  /^PATCH \/api\/v1\/admin\/cooperatives\/\{coopname\}$/,
  /rotate-secret|client-secret/,
];

/** Bodies the document does not describe, from the contracts' zod schemas. */
const BODY_SCHEMAS: Record<string, JsonSchema> = {
  'POST /api/v1/aifory/webhook': z.toJSONSchema(aiforyWebhookSchema, {
    unrepresentable: 'any',
  }) as JsonSchema,
};

/** Frames and paths a stack trace or an internal error message would leak. */
const LEAKS = [
  /\n\s+at /,
  /\bat \S+ \(/,
  /node_modules/,
  /\/src\//,
  /\/apps\/server\//,
  /\.[jt]s:\d+:\d+/,
  /file:\/\//,
];

interface Outcome {
  operation: string;
  status: number;
  request: string;
  problem?: string;
}

let scene: FuzzScene;
let operations: { name: string; method: string; template: string; operation: Operation }[];
let arbitraries: RequestArbitraries;
const outcomes: Outcome[] = [];

beforeAll(async () => {
  scene = await startFuzzScene();
  const document = (
    await scene.server.app.inject({ method: 'GET', url: '/api/openapi.json' })
  ).json<{
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, JsonSchema> };
  }>();
  const accountKey = PrivateKey.generate('K1').toPublic().toString();
  arbitraries = new RequestArbitraries(document.components.schemas, {
    coopname: fc.constant(scene.coopname),
    username: fc.constant(scene.username),
    redirect_uri: fc.constant(scene.callback),
    public_key: fc.constant(accountKey),
  });
  const all = Object.entries(document.paths).flatMap(([template, methods]) =>
    Object.entries(methods)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({
        name: `${method.toUpperCase()} ${template}`,
        method,
        template,
        operation,
      })),
  );
  const rank = (name: string) => {
    const index = LAST.findIndex((pattern) => pattern.test(name));
    return index === -1 ? -1 : index;
  };
  operations = all.sort((a, b) => rank(a.name) - rank(b.name));
}, 120_000);
afterAll(() => scene?.close());

function authorization(credential: Credential, operation: Operation): string | undefined {
  const { member, coop, coopToken, admin } = scene.credentials;
  switch (credential) {
    case 'right': {
      const policy = operation['x-policy'] ?? 'public';
      if (policy === 'coop-api') return coop();
      if (policy === 'coop-api.read-shared-data') return coopToken;
      return member();
    }
    case 'none':
      return undefined;
    case 'garbage bearer':
      return 'Bearer e30.e30.AAAA';
    case 'garbage basic':
      return `Basic ${Buffer.from(`${scene.coopname}:wrong`).toString('base64')}`;
    case 'member':
      return member();
    case 'coop':
      return coop();
    case 'admin key':
      return admin;
    case 'coop token':
      return coopToken;
  }
}

let address = 0;

/** What the request was, short enough for a failure message (no credentials). */
function describeRequest(method: string, request: FuzzRequest): string {
  const body =
    request.body === undefined
      ? ''
      : ` body ${(typeof request.body === 'string' ? request.body : request.body.toString('base64')).slice(0, 600)}`;
  return `${method.toUpperCase()} ${request.url.slice(0, 200)} [${request.credential}]${body}`;
}

function problemOf(
  status: number,
  headers: Record<string, unknown>,
  text: string,
): string | undefined {
  if (status >= 500) return `status ${status}`;
  const leak = LEAKS.find((pattern) => pattern.test(text));
  if (leak) return `leaks ${leak}`;
  if (status >= 400) {
    const type = String(headers['content-type'] ?? '');
    if (!type.startsWith('application/json')) return `error as ${type || 'no content type'}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return 'error body is not JSON';
    }
    const shaped = errorBodySchema.safeParse(parsed);
    if (!shaped.success) return `error body without the ErrorBody shape: ${text.slice(0, 120)}`;
    if (shaped.data.statusCode !== status)
      return `statusCode ${shaped.data.statusCode} ≠ ${status}`;
  }
  return undefined;
}

async function send(
  name: string,
  method: string,
  operation: Operation,
  request: FuzzRequest,
): Promise<Outcome> {
  address += 1;
  const auth = authorization(request.credential, operation);
  const headers: Record<string, string> = {
    ...request.headers,
    'x-forwarded-for': `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`,
    ...(auth ? { authorization: auth } : {}),
  };
  if (name === 'POST /api/v1/aifory/webhook' && request.sign && request.body !== undefined)
    headers.signature = await aiforySignature(
      typeof request.body === 'string' ? request.body : new Uint8Array(request.body),
      scene.server.config.aifory.webhookSecret,
    );
  const response = await scene.server.app.inject({
    method: method.toUpperCase() as 'GET',
    url: request.url,
    headers,
    ...(request.body !== undefined ? { payload: request.body } : {}),
  });
  const problem = problemOf(response.statusCode, response.headers, response.body);
  return {
    operation: name,
    status: response.statusCode,
    request: describeRequest(method, request),
    ...(problem ? { problem: `${problem}${serverError(response.body)}` } : {}),
  };
}

/** The server's log line of a 500 (by its errorId), so that a failure names its cause. */
function serverError(body: string): string {
  const errorId = /"errorId":"([^"]+)"/.exec(body)?.[1];
  if (!errorId) return '';
  const line = scene.server
    .logs()
    .split('\n')
    .find((entry) => entry.includes(errorId));
  return line ? ` — log: ${line.slice(0, 1_500)}` : '';
}

/** Past authentication, authorization and rate limits: the request reached validation. */
const reached = (status: number) => ![401, 403, 429].includes(status);

const histogram = (statuses: number[]) => {
  const counts: Record<string, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
};

describe('fuzzing every OpenAPI operation (fast-check)', () => {
  it(`sends ${RUNS} generated requests to each operation`, { timeout: 600_000 }, async () => {
    expect(operations.length).toBeGreaterThan(150);
    const started = Date.now();
    for (const [index, { name, method, template, operation }] of operations.entries()) {
      await scene.restore();
      const requests = fc.sample(
        arbitraries.request(method, template, operation, BODY_SCHEMAS[name]),
        {
          numRuns: RUNS,
          seed: SEED + index,
        },
      );
      let next = 0;
      const results: Outcome[] = [];
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < requests.length) {
            const request = requests[next++]!;
            results.push(await send(name, method, operation, request));
          }
        }),
      );
      outcomes.push(...results);
      const statuses = results.map((result) => result.status);
      const share = Math.round((100 * statuses.filter(reached).length) / statuses.length);
      // eslint-disable-next-line no-console -- CI logs show what each operation answered.
      console.log(
        `fuzz ${name}: ${results.length} requests, ${share}% reached validation, ${JSON.stringify(histogram(statuses))}`,
      );
    }
    const statuses = outcomes.map((outcome) => outcome.status);
    const fiveXx = statuses.filter((status) => status >= 500).length;
    // eslint-disable-next-line no-console -- the totals CI shows.
    console.log(
      `fuzz total: ${operations.length} operations, ${outcomes.length} requests, ${fiveXx} 5xx, ` +
        `${Math.round((100 * statuses.filter(reached).length) / statuses.length)}% reached validation, ` +
        `seed ${SEED}, ${Math.round((Date.now() - started) / 1000)} s; statuses ${JSON.stringify(histogram(statuses))}`,
    );
    expect(outcomes.length).toBe(operations.length * RUNS);
  });

  /** The checks below read the first test's outcomes: all of them, or they prove nothing. */
  const allSent = () => expect(outcomes).toHaveLength(operations.length * RUNS);

  it('answers no request with a 5xx', () => {
    allSent();
    const failures = outcomes.filter((outcome) => outcome.status >= 500);
    expect(failures.map((f) => `${f.request} ${f.problem ?? ''}`).slice(0, 20)).toEqual([]);
  });

  it('leaks no stack trace or source path, and every error has the ErrorBody shape', () => {
    allSent();
    const problems = outcomes.filter((outcome) => outcome.problem);
    expect(problems.map((p) => `${p.problem}: ${p.request}`).slice(0, 20)).toEqual([]);
  });

  it('gets most requests past the guards', () => {
    allSent();
    // Some operations stop most requests at a check of their own (a refresh token, a grant
    // bound to a member, a share the cooperative must allow): their shares are printed above.
    const past = outcomes.filter((outcome) => reached(outcome.status)).length;
    expect(past / outcomes.length).toBeGreaterThan(0.7);
    // Every operation answered something other than a refusal at least once.
    const answered = new Set(outcomes.filter((o) => reached(o.status)).map((o) => o.operation));
    expect(operations.map((o) => o.name).filter((name) => !answered.has(name))).toEqual([]);
  });
});

/** What the fuzz found once, pinned: each was a 500 or fastify's own error body before its fix. */
describe('pinned fuzz findings', () => {
  const call = async (
    method: 'GET' | 'PUT' | 'POST',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const response = await scene.server.app.inject({
      method,
      url,
      headers: {
        authorization: scene.credentials.member(),
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(payload === undefined ? {} : { payload }),
    });
    return { status: response.statusCode, body: response.json<{ code?: string }>() };
  };

  it('a revision past a PostgreSQL integer is a 422 (card, virtual-card conditions)', async () => {
    await scene.restore();
    const card = await call('PUT', '/api/v1/card', {
      card: { v: 1, alg: 'A256GCM', kid: '1', iv: 'AAAAAAAAAAAAAAAA', ct: 'A'.repeat(48) },
      meta: { version: 2, schema: 'https://card.coop/schemas/card/v2.json', kind: 'individual' },
      expected_revision: 2 ** 31,
    });
    expect(card).toMatchObject({ status: 422, body: { code: 'VALIDATION_FAILED' } });
    const conditions = await call(
      'PUT',
      `/api/v1/business/cooperatives/${scene.coopname}/virtual-cards/conditions`,
      {
        issuing: true,
        max_cards_per_member: 1,
        monthly_top_up_cap: null,
        low_funds_threshold: null,
        default_limits: { per_transaction: null, daily: null, monthly: null },
        expected_revision: 6_169_917_689_572_412,
      },
    );
    expect(conditions).toMatchObject({ status: 422, body: { code: 'VALIDATION_FAILED' } });
  });

  it("a NUL in the audit log's type filter is a 422 (PostgreSQL cannot compare it)", async () => {
    await scene.restore();
    for (const url of [
      '/api/v1/admin/audit?type=a%00b',
      '/api/v1/admin/audit?type=a%00b&cursor=12',
    ])
      expect(await call('GET', url)).toMatchObject({
        status: 422,
        body: { code: 'VALIDATION_FAILED' },
      });
  });

  it('a signed Aifory deposit event naming no operation of ours is accepted and ignored', async () => {
    const body = JSON.stringify({
      event_id: 'evt-fuzz-pinned',
      created_at: '2026-12-01T00:00:00Z',
      type: 'deposit.completed',
      data: {
        deposit_id: 'dep-1',
        request_id: ':_1aX',
        card_id: 'card-1',
        status: 'failed',
        amount: { amount: 50, currency: 'USD' },
        fee: { amount: 1, currency: 'USD' },
        failure_reason: 'x',
      },
    });
    const response = await scene.server.app.inject({
      method: 'POST',
      url: '/api/v1/aifory/webhook',
      headers: {
        'content-type': 'application/json',
        signature: await aiforySignature(body, scene.server.config.aifory.webhookSecret),
      },
      payload: body,
    });
    expect(response.statusCode).toBe(204);
  });

  it('a data key whose base64url has trailing bits set is a 422 in the business panel', async () => {
    await scene.restore();
    const response = await call(
      'PUT',
      `/api/v1/business/cooperatives/${scene.coopname}/integration/data-key`,
      {
        certificate: {
          payload: {
            coopname: scene.coopname,
            kid: 'k2',
            public_key: '--__4Ahb_NkbJ__-XBC78T_8P0c4_6_rG0J-m-Vd3_B',
            created_at: '2026-11-22T00:00:00Z',
          },
          public_key: PrivateKey.generate('K1').toPublic().toString(),
          signature: `SIG_K1_${'1'.repeat(95)}`,
        },
      },
    );
    expect(response).toMatchObject({ status: 422, body: { code: 'VALIDATION_FAILED' } });
  });

  it("the router's refusals (a malformed URL, a parameter too long) have the ErrorBody shape and the security headers", async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/admin/cooperatives/%C0%AF'],
      ['DELETE', `/api/v1/sessions/${'%00'.repeat(120)}`],
    ] as const) {
      const response = await scene.server.app.inject({ method, url });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      // Fastify's own body was { error, code: 'FST_ERR_…', message } quoting the raw URL.
      expect(errorBodySchema.parse(response.json())).toMatchObject({
        statusCode: response.statusCode,
        code: 'MALFORMED_REQUEST',
      });
      // No hook runs for them: the security headers are set by the refusal itself.
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });
});
