import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { errorBodySchema } from '@cardcoop/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ProbeModule } from '../support/probe.module.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

function webDist(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cardcoop-web-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><title>CARD.COOP</title><div id="root"></div>',
  );
  writeFileSync(path.join(dir, 'assets', 'app-3f2a1b.js'), 'console.log(1)');
  return dir;
}

describe('HTTP foundation', () => {
  let server: TestApp;

  beforeAll(async () => {
    server = await startTestApp({
      features: [ProbeModule],
      env: {
        WEB_DIST_DIR: webDist(),
        CORS_ORIGINS: 'https://coop.example',
        BODY_LIMIT_BYTES: '2048',
        // Refused requests are logged with their headers and body at debug level.
        LOG_LEVEL: 'debug',
      },
    });
  });
  afterAll(() => server.close());

  const api = (route: string, init?: RequestInit) => fetch(`${server.url}${route}`, init);
  const postJson = (route: string, body: string, headers: Record<string, string> = {}) =>
    api(route, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  describe('request id', () => {
    it('echoes a well-formed incoming x-request-id and uses it in logs and error bodies', async () => {
      const id = 'trace-0123456789abcdef';
      const response = await api('/api/v1/missing', { headers: { 'x-request-id': id } });
      expect(response.headers.get('x-request-id')).toBe(id);
      expect((await response.json()).requestId).toBe(id);
      expect(server.logs()).toContain(`"requestId":"${id}"`);
    });

    it('generates an id when none or a malformed one is sent', async () => {
      const plain = await api('/health/live');
      const forged = await api('/health/live', {
        headers: { 'x-request-id': 'bad id\twith spaces' },
      });
      expect(plain.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(forged.headers.get('x-request-id')).not.toBe(plain.headers.get('x-request-id'));
    });
  });

  describe('error body', () => {
    it('is the same shape for an unknown route, in Russian by default and English on request', async () => {
      const ru = await api('/api/v1/nothing-here');
      const en = await api('/api/v1/nothing-here', {
        headers: { 'accept-language': 'en-GB,en;q=0.9' },
      });
      expect(ru.status).toBe(404);
      const ruBody = errorBodySchema.strict().parse(await ru.json());
      const enBody = errorBodySchema.strict().parse(await en.json());
      expect(ruBody).toMatchObject({
        statusCode: 404,
        code: 'NOT_FOUND',
        path: '/api/v1/nothing-here',
      });
      expect(ruBody.message).toMatch(/[а-яё]/i);
      expect(enBody.message).toBe('Nothing was found at this address.');
    });

    it('answers 422 with field details for invalid input', async () => {
      const response = await postJson('/api/v1/probe/echo', JSON.stringify({ name: 'x', age: -1 }));
      expect(response.status).toBe(422);
      const body = errorBodySchema.parse(await response.json());
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.details?.map((issue) => issue.path).sort()).toEqual(['age', 'name']);
    });

    it('passes valid input through', async () => {
      const response = await postJson(
        '/api/v1/probe/echo',
        JSON.stringify({ name: 'Anna', age: 30 }),
      );
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ name: 'Anna', age: 30 });
    });

    it.each([
      ['malformed JSON', '{"name":', {}, 400, 'MALFORMED_REQUEST'],
      [
        'a body over the limit',
        JSON.stringify({ name: 'x'.repeat(4096), age: 1 }),
        {},
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      [
        'an unsupported media type',
        'name=Anna',
        { 'content-type': 'application/x-www-form-urlencoded' },
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
    ] as const)('refuses %s', async (_what, body, headers, status, code) => {
      const response = await postJson('/api/v1/probe/echo', body, headers);
      expect(response.status).toBe(status);
      expect(errorBodySchema.parse(await response.json()).code).toBe(code);
    });

    it('hides the cause of a 500 behind an error id that is logged with the stack', async () => {
      const response = await api('/api/v1/probe/boom', { headers: { 'accept-language': 'en' } });
      expect(response.status).toBe(500);
      const text = await response.text();
      const body = errorBodySchema.parse(JSON.parse(text));
      expect(body.code).toBe('INTERNAL_ERROR');
      expect(body.errorId).toMatch(/^[0-9a-f-]{36}$/);
      expect(body.message).toContain(body.errorId);
      expect(text).not.toMatch(/hunter2|secret\.ts|at \w+ \(/);
      const logged = server
        .logs()
        .split('\n')
        .find((line) => line.includes(body.errorId!));
      expect(logged).toContain('"level":50');
      expect(logged).toContain('stack');
    });
  });

  describe('logs', () => {
    it('never contain the password or bearer token of a request', async () => {
      const password = 'correct-horse-battery-staple';
      const token = 'eyJhbGciOiJFZERTQSJ9.payload.signature';
      await postJson('/api/v1/probe/echo', JSON.stringify({ name: 'x', age: 1, password }), {
        authorization: `Bearer ${token}`,
        cookie: `__Host-refresh=${token}`,
      });
      const logs = server.logs();
      expect(logs).toContain('"errorCode":"VALIDATION_FAILED"');
      expect(logs).toContain('[REDACTED]');
      expect(logs).not.toContain(password);
      expect(logs).not.toContain(token);
      expect(logs).not.toContain('payload.signature');
    });
  });

  describe('security headers and CORS', () => {
    it('sends a strict CSP and refuses framing', async () => {
      const response = await api('/health/live');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("require-trusted-types-for 'script'");
      expect(csp).not.toContain('unsafe-eval;');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('allows only configured origins', async () => {
      const allowed = await api('/health/live', { headers: { origin: 'https://coop.example' } });
      const foreign = await api('/health/live', { headers: { origin: 'https://evil.example' } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://coop.example');
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('operations endpoints', () => {
    it('reports readiness with the database and cache up', async () => {
      const response = await api('/health/ready');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        status: 'ready',
        checks: { database: 'up', cache: 'up' },
      });
    });

    it('exposes Prometheus metrics with the request histogram by route pattern', async () => {
      await api('/api/v1/probe/echo', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      const response = await api('/metrics');
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      expect(text).toMatch(
        /http_request_duration_seconds_bucket\{.*route="\/api\/v1\/probe\/echo".*status_code="422"/,
      );
      expect(text).toContain('nodejs_eventloop_lag_seconds');
      expect(text).toContain('db_pool_connections_total');
      expect(text).toContain('process_cpu_seconds_total');
    });

    it('publishes an OpenAPI 3.1 document and the Swagger UI', async () => {
      const document = (await (await api('/api/openapi.json')).json()) as {
        openapi: string;
        paths: Record<string, unknown>;
      };
      expect(document.openapi).toBe('3.1.0');
      expect(Object.keys(document.paths)).toContain('/api/v1/probe/echo');
      expect(Object.keys(document.paths)).toContain('/health/ready');
      const echo = (
        document.paths['/api/v1/probe/echo'] as { post: { responses: Record<string, unknown> } }
      ).post;
      expect(JSON.stringify(echo.responses.default)).toContain('#/components/schemas/ErrorBody');
      expect(JSON.stringify(document)).toContain('"requestId"');
      // An operation that answers 201 documents 201, not 200.
      const created = (
        document.paths['/api/v1/auth/complete-registration'] as {
          post: { responses: Record<string, unknown> };
        }
      ).post.responses;
      expect(Object.keys(created)).toContain('201');
      expect(Object.keys(created)).not.toContain('200');
      // Two bodies of different shapes never share a schema name (one would stand for both).
      const bodyOf = (path: string) =>
        JSON.stringify(
          (document.paths[path] as { post: { requestBody: unknown } }).post.requestBody,
        );
      expect(bodyOf('/api/v1/card/issue')).toContain('#/components/schemas/IssueCardDto');
      expect(bodyOf('/api/v1/aifory/issue-card')).toContain(
        '#/components/schemas/IssueVirtualCardDto',
      );
      const docs = await api('/api/docs');
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger-ui');
      // Swagger UI cannot run under Trusted Types; everything else stays as strict.
      const csp = docs.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('trusted-types');
    });
  });

  describe('web app', () => {
    it('serves index.html for client routes and JSON 404s for server paths', async () => {
      const page = await api('/member/settings/security');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(await page.text()).toContain('<div id="root">');
      const missing = await api('/health/nothing');
      expect(missing.status).toBe(404);
      expect((await missing.json()).code).toBe('NOT_FOUND');
    });

    it('caches hashed assets for a year', async () => {
      const asset = await api('/assets/app-3f2a1b.js');
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toContain('immutable');
    });
  });
});

describe('global rate limit', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp({ env: { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_SECONDS: '30' } });
  });
  afterAll(() => server.close());

  it('answers 429 with Retry-After once an address exceeds the limit, but never limits probes', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i += 1) {
      last = await fetch(`${server.url}/api/v1/anything`);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
    const retryAfter = Number(last!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect((await last!.json()).code).toBe('RATE_LIMITED');
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
    expect(last!.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});

describe('with the cache unreachable', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
  });
  afterAll(() => server.close());

  it('keeps serving, limits each node on its own and reports not ready', async () => {
    const response = await fetch(`${server.url}/api/v1/anything`);
    expect(response.status).toBe(404);
    const readiness = await fetch(`${server.url}/health/ready`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toEqual({
      status: 'not_ready',
      checks: { database: 'up', cache: 'down' },
    });
    await vi.waitFor(
      () => expect(server.logs()).toContain('rate limit counted per node: cache unavailable'),
      { timeout: 5000 },
    );
  });
});
