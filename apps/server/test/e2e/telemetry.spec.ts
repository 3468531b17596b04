import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIFORY_SANDBOX_DEFAULTS } from '../../src/config/config.schema.js';
import { generateSecrets, secretsToEnv } from '../../src/infra/secrets/secrets.js';
import { testDatabaseUrl, testRedisUrl, uniqueName } from '../support/environment.js';
import { freePort, spawnServer } from '../support/server-process.js';
import type { ServerProcess } from '../support/server-process.js';
import { createTestDatabase } from '../support/test-database.js';
import type { TestDatabase } from '../support/test-database.js';

/** One span as OTLP/HTTP JSON carries it (ids in hex), attributes flattened to strings. */
interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  kind: number;
  scope: string;
  attributes: Record<string, string>;
}
const SERVER = 2;
const CLIENT = 3;

interface OtlpAttribute {
  key: string;
  value: Record<string, unknown>;
}
interface OtlpBody {
  resourceSpans: {
    resource: { attributes: OtlpAttribute[] };
    scopeSpans: {
      scope: { name: string };
      spans: (Omit<ReceivedSpan, 'attributes' | 'scope'> & { attributes?: OtlpAttribute[] })[];
    }[];
  }[];
}

const flatten = (attributes: OtlpAttribute[] = []) =>
  Object.fromEntries(attributes.map(({ key, value }) => [key, String(Object.values(value)[0])]));

/** An in-process OTLP/HTTP receiver: counts every connection attempt and keeps the spans. */
class OtlpReceiver {
  requests = 0;
  bodies: string[] = [];
  spans: ReceivedSpan[] = [];
  services = new Set<string>();
  private readonly server: Server = createServer((request, response) => {
    this.requests += 1;
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      this.bodies.push(`${request.method} ${request.url} ${request.headers['content-type']}`);
      if (request.url === '/v1/traces' && request.headers['content-type'] === 'application/json')
        this.collect(JSON.parse(body) as OtlpBody);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  url = '';

  async start(): Promise<void> {
    const port = await freePort();
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private collect(body: OtlpBody): void {
    for (const { resource, scopeSpans } of body.resourceSpans) {
      this.services.add(flatten(resource.attributes)['service.name'] ?? '');
      for (const { scope, spans } of scopeSpans)
        for (const span of spans)
          this.spans.push({
            ...span,
            parentSpanId: span.parentSpanId || undefined,
            scope: scope.name,
            attributes: flatten(span.attributes),
          });
    }
  }
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const lines = (server: ServerProcess) =>
  server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe.runIf(testDatabaseUrl && testRedisUrl)(
  'OpenTelemetry traces and logs (real process)',
  () => {
    const receiver = new OtlpReceiver();
    let database: TestDatabase;
    let env: Record<string, string>;
    let adminKey: string;

    beforeAll(async () => {
      await receiver.start();
      database = await createTestDatabase();
      env = {
        DATABASE_URL: database.url!,
        REDIS_URL: testRedisUrl!,
        CACHE_KEY_PREFIX: `${uniqueName('otel')}:`,
        ...secretsToEnv(await generateSecrets()),
        NODE_ENV: 'test',
        SHUTDOWN_DRAIN_MS: '0',
      };
      adminKey = env.ADMIN_API_KEY!;
    }, 60_000);
    afterAll(async () => {
      await receiver.close();
      await database?.drop();
    });

    const admin = (server: ServerProcess, path: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}${path}`, {
        headers: {
          authorization: `Bearer ${adminKey}`,
          cookie: 'cardcoop_refresh=cookie-secret-1',
          ...headers,
        },
      });

    it('exports HTTP, PostgreSQL, Redis and outgoing-call spans of one request under its trace, flushed on SIGTERM; the log line carries the trace id', async () => {
      const server = await spawnServer({
        ...env,
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_SERVICE_NAME: 'cardcoop-otel-test',
      });
      // The caller's trace context is honoured: the server's spans join its trace.
      const callerTrace = hex(16);
      const callerSpan = hex(8);
      try {
        await server.waitUntilReady();
        const health = await admin(
          server,
          '/api/v1/admin/health?access_token=query-secret-1&page=2',
          {
            traceparent: `00-${callerTrace}-${callerSpan}-01`,
          },
        );
        expect(health.status).toBe(200);
        // Reads the ledger (PostgreSQL) and asks the embedded Aifory sandbox over HTTP (fetch).
        const cards = await admin(server, '/api/v1/admin/virtual-cards');
        expect(cards.status).toBe(200);
      } finally {
        expect(await server.stop()).toBe(0);
      }

      expect(receiver.services).toEqual(new Set(['cardcoop-otel-test']));
      const spans = receiver.spans;
      const healthSpan = spans.find((span) => span.name === 'GET /api/v1/admin/health');
      expect(healthSpan).toMatchObject({
        kind: SERVER,
        attributes: { 'http.route': '/api/v1/admin/health' },
      });
      expect(healthSpan).toMatchObject({ traceId: callerTrace, parentSpanId: callerSpan });
      const inHealth = spans.filter((span) => span.traceId === callerTrace);
      expect(inHealth.some((span) => span.scope.includes('instrumentation-pg'))).toBe(true);
      expect(
        inHealth.some(
          (span) => span.scope.includes('instrumentation-ioredis') && span.name === 'ping',
        ),
      ).toBe(true);

      const cardsSpan = spans.find((span) => span.name === 'GET /api/v1/admin/virtual-cards');
      expect(cardsSpan?.kind).toBe(SERVER);
      const inCards = spans.filter((span) => span.traceId === cardsSpan!.traceId);
      expect(inCards.some((span) => span.scope.includes('instrumentation-pg'))).toBe(true);
      const outgoing = inCards.find(
        (span) => span.kind === CLIENT && span.scope.includes('undici'),
      );
      expect(outgoing?.attributes['url.full']).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);

      // No attribute of any span carries the bearer key, the cookie, a secret query value or the
      // API key the server sent to Aifory.
      const everything = JSON.stringify(spans);
      for (const secret of [
        adminKey,
        'cookie-secret-1',
        'query-secret-1',
        AIFORY_SANDBOX_DEFAULTS.apiKey,
      ])
        expect(everything).not.toContain(secret);
      expect(healthSpan!.attributes['url.query']).toBe('access_token=%5BREDACTED%5D&page=2');

      // The request's log line names the same trace (and the server span, current when it is written).
      const logged = lines(server).find(
        (line) => line.msg === 'request completed' && line.route === '/api/v1/admin/health',
      );
      expect(logged).toMatchObject({ trace_id: callerTrace, span_id: healthSpan!.spanId });
      expect(logged?.requestId).toEqual(expect.any(String));
    }, 90_000);

    it('without an OTLP endpoint connects to no receiver; LOG_FORMAT=ecs writes ECS lines with the request id', async () => {
      const before = receiver.requests;
      const server = await spawnServer({ ...env, LOG_FORMAT: 'ecs' });
      try {
        await server.waitUntilReady();
        expect(
          (await admin(server, '/api/v1/admin/health', { 'x-request-id': 'ecs-request-0001' }))
            .status,
        ).toBe(200);
      } finally {
        expect(await server.stop()).toBe(0);
      }
      expect(receiver.requests).toBe(before);

      const output = lines(server);
      expect(output.length).toBeGreaterThan(3);
      for (const line of output) {
        expect(line).toMatchObject({
          '@timestamp': expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          'log.level': expect.any(String),
          message: expect.any(String),
          'ecs.version': expect.any(String),
          'service.name': 'cardcoop',
        });
        expect(line).not.toHaveProperty('trace.id');
      }
      const logged = output.find(
        (line) => line.message === 'request completed' && line.route === '/api/v1/admin/health',
      );
      expect(logged).toMatchObject({
        'http.request.id': 'ecs-request-0001',
        'log.level': 'info',
        route: '/api/v1/admin/health',
      });
    }, 90_000);
  },
);
