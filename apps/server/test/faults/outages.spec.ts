import * as opaque from '@serenity-kit/opaque';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSecrets, secretsToEnv } from '../../src/infra/secrets/secrets.js';
import { testDatabaseUrl, testRedisUrl } from '../support/environment.js';
import { startPrivatePostgres, startPrivateRedis } from '../support/private-services.js';
import type { PrivatePostgres, PrivateRedis } from '../support/private-services.js';
import { fakeEnvelope, post, registerRaw } from '../support/raw-member.js';
import { spawnServer } from '../support/server-process.js';
import type { ServerProcess } from '../support/server-process.js';
import {
  cardChanges,
  cardMeta,
  newTally,
  report,
  statusesOf,
  writeLoad,
} from '../support/write-load.js';
import type { Tally } from '../support/write-load.js';

// The server as operators run it (a real process on PostgreSQL and Redis of its own), while
// those are taken away under a write load: backends terminated mid-transaction, PostgreSQL
// restarted, Redis killed and restarted. No process may exit, no request may answer 500, every
// 503 says when to come back, and the server recovers by itself. Counts are printed.

const WORKERS = 6;

/** Round one of logins in a loop (the state it stores lives in the cache). */
async function loginLoad(url: string, running: () => boolean): Promise<Tally> {
  const tally = newTally();
  await opaque.ready;
  for (let i = 0; running(); i += 1) {
    const started = Date.now();
    const response = await post(
      url,
      '/api/v1/auth/initiate-login',
      {
        email: `fault${i % WORKERS}@coop.example`,
        start_login_request: opaque.client.startLogin({ password: 'x' }).startLoginRequest,
      },
      undefined,
      { 'x-forwarded-for': `10.1.${(i >> 8) & 255}.${i & 255}` },
    ).catch(() => undefined);
    tally.slowest = Math.max(tally.slowest, Date.now() - started);
    const status = response?.status ?? 0;
    tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
    if (status === 503 && !response?.headers.get('retry-after')) tally.missingRetryAfter += 1;
    await response?.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return tally;
}

/** Three writes in a row by one member, once things are back: their answers by status. */
async function threeWrites(url: string, token: string) {
  let left = 3;
  return statusesOf(await writeLoad(url, [token], () => left-- > 0));
}

async function readyWithin(server: ServerProcess, ms: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    const status = await fetch(`${server.url}/health/ready`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not ready within ${ms} ms`);
}

describe.runIf(testDatabaseUrl && testRedisUrl)('faults under load (real processes)', () => {
  let postgres: PrivatePostgres;
  let redis: PrivateRedis;
  let server: ServerProcess;
  let tokens: string[];
  let serverEnv: Record<string, string>;

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()]);
    await postgres.query('create database cardcoop');
    serverEnv = {
      DATABASE_URL: postgres.url.replace(/\/postgres$/, '/cardcoop'),
      REDIS_URL: redis.url,
      ...secretsToEnv(await generateSecrets()),
      NODE_ENV: 'test',
      SHUTDOWN_DRAIN_MS: '0',
      // One address sends the whole load; the global per-address limit is not under test.
      RATE_LIMIT_MAX: '1000000',
    };
    server = await spawnServer(serverEnv);
    await server.waitUntilReady();
    tokens = [];
    for (let i = 0; i < WORKERS; i += 1) {
      const { tokens: pair } = await registerRaw(server.url, `fault${i}@coop.example`, 'fault pw', {
        'x-forwarded-for': `10.0.0.${i + 1}`,
      });
      const issued = await post(
        server.url,
        '/api/v1/card/issue',
        { card: fakeEnvelope('v1'), meta: cardMeta },
        pair.access_token,
      );
      expect(issued.status).toBe(201);
      tokens.push(pair.access_token);
    }
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await Promise.all([postgres?.stop(), redis?.stop()]);
  });

  it('survives backends terminated in the middle of transactions: 503s only, no exit', async () => {
    const acknowledgedBefore = (await cardChanges(postgres)).persisted;
    let running = true;
    const load = writeLoad(server.url, tokens, () => running);
    let terminated = 0;
    for (let round = 0; round < 15; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const { rowCount } = await postgres.query(
        `select pg_terminate_backend(pid) from pg_stat_activity
         where datname = 'cardcoop' and pid <> pg_backend_pid()`,
      );
      terminated += rowCount ?? 0;
    }
    running = false;
    const tally = await load;
    report('backend termination', tally, `, backends terminated ${terminated}`);
    expect(server.child.exitCode).toBeNull();
    expect(terminated).toBeGreaterThan(0);
    expect(tally.statuses.get(500) ?? 0).toBe(0);
    expect(tally.missingRetryAfter).toBe(0);
    expect(tally.acknowledged).toBeGreaterThan(0);
    expect(await readyWithin(server, 10_000)).toBeLessThan(10_000);
    // No change without its event, none lost: at least every acknowledged write persisted.
    const changes = await cardChanges(postgres);
    expect(changes.audited).toBe(changes.persisted);
    expect(changes.persisted).toBeGreaterThanOrEqual(acknowledgedBefore + tally.acknowledged);
  });

  it('answers 503 while PostgreSQL is down, and is ready again within 10 s of its restart', async () => {
    let running = true;
    const load = writeLoad(server.url, tokens, () => running);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await postgres.halt();
    // While it is down: not ready, and requests answer 503 quickly.
    const readyWhileDown = await fetch(`${server.url}/health/ready`).then((r) => r.status);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await postgres.resume();
    const back = await readyWithin(server, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    running = false;
    const tally = await load;
    report(
      'PostgreSQL restart',
      tally,
      `, readiness while down ${readyWhileDown}, ready ${back} ms after it was back`,
    );
    expect(server.child.exitCode).toBeNull();
    expect(readyWhileDown).toBe(503);
    expect(tally.statuses.get(500) ?? 0).toBe(0);
    expect(tally.statuses.get(0) ?? 0).toBe(0);
    expect(tally.missingRetryAfter).toBe(0);
    expect(tally.statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(tally.slowest).toBeLessThan(5000);
    // Writes work again afterwards.
    expect(await threeWrites(server.url, tokens[0]!)).toEqual({ 200: 3 });
  });

  it('loses no acknowledged write and leaves no change without its event when a node is SIGKILLed under load', async () => {
    const before = await cardChanges(postgres);
    let running = true;
    const load = writeLoad(server.url, tokens, () => running);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    server.child.kill('SIGKILL');
    await server.exited;
    running = false;
    const tally = await load;
    const after = await cardChanges(postgres);
    const persisted = after.persisted - before.persisted;
    report('SIGKILL', tally, `, persisted ${persisted}, audited ${after.audited - before.audited}`);
    expect(tally.acknowledged).toBeGreaterThan(0);
    // Every acknowledged write is there; at most the writes in flight (one per worker) committed
    // without their answer reaching the client.
    expect(persisted).toBeGreaterThanOrEqual(tally.acknowledged);
    expect(persisted - tally.acknowledged).toBeLessThanOrEqual(WORKERS);
    expect(after.audited).toBe(after.persisted);
    // A new node takes over the same database and Redis.
    server = await spawnServer(serverEnv);
    await server.waitUntilReady();
  });

  it('answers 503 quickly while Redis is away, never 500, and recovers by itself', async () => {
    let running = true;
    const load = writeLoad(server.url, tokens, () => running);
    // Logins keep their OPAQUE state in the cache: they fail with a retryable 503 meanwhile.
    const logins = loginLoad(server.url, () => running);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const readyWhileAway = await fetch(`${server.url}/health/ready`).then((r) => r.status);
    await redis.start();
    const back = await readyWithin(server, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    running = false;
    const tally = await load;
    const loginTally = await logins;
    report(
      'Redis restart',
      tally,
      `, readiness while away ${readyWhileAway}, ready again after ${back} ms`,
    );
    report('Redis restart (logins)', loginTally);
    expect(loginTally.statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(loginTally.statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(loginTally.statuses.get(500) ?? 0).toBe(0);
    expect(loginTally.missingRetryAfter).toBe(0);
    expect(loginTally.slowest).toBeLessThan(3000);
    expect(server.child.exitCode).toBeNull();
    expect(readyWhileAway).toBe(503);
    expect(tally.statuses.get(500) ?? 0).toBe(0);
    expect(tally.statuses.get(0) ?? 0).toBe(0);
    expect(tally.missingRetryAfter).toBe(0);
    // Bounded: no request waited for Redis through its reconnects.
    expect(tally.slowest).toBeLessThan(3000);
    // Sessions live in PostgreSQL: the members are still signed in.
    expect(await threeWrites(server.url, tokens[0]!)).toEqual({ 200: 3 });
  });
});
