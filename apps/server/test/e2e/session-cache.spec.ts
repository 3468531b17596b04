import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { testDatabaseUrl, testRedisUrl } from '../support/environment.js';
import { captureQueries } from '../support/query-capture.js';
import { registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

// ADR 024: each node keeps the sessions it checked until PostgreSQL says one changed (a trigger's
// NOTIFY, at commit, to every node) or this node changed it itself.

const twoNodes = Boolean(testDatabaseUrl && testRedisUrl);
const SESSION_BY_ID = /from "sessions" where "sessions"\."id" = \$1/i;

let a: TestApp;
let counter = 0;
const member = async (app: TestApp) =>
  (await registerRaw(app.url, `kept${Date.now()}-${++counter}@coop.example`, 'kept sessions'))
    .tokens;
const unread = (url: string, token: string) =>
  fetch(`${url}/api/v1/notifications/unread-count`, {
    headers: { authorization: `Bearer ${token}` },
  });
const database = (app: TestApp) => app.app.get<Database>(DATABASE).primary;
/** A change made by someone else than this node's repositories: a psql session, another node. */
const revokeFromOutside = (app: TestApp, sessionId: string) =>
  database(app).execute(sql`update sessions set revoked_at = now() where id = ${sessionId}`);

/** One sample of the node's /metrics (0 when absent). */
async function metric(app: TestApp, series: string): Promise<number> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

/** How many times `request` read its session from the database. */
async function sessionReads(request: () => Promise<Response>): Promise<number> {
  const capture = captureQueries();
  try {
    const response = await request();
    expect(response.status).toBe(200);
  } finally {
    capture.stop();
  }
  return capture.queries.filter((query) => SESSION_BY_ID.test(query.text)).length;
}

/** Polls `request` until it answers `status`; how long that took (ms). */
async function untilStatus(request: () => Promise<Response>, status: number): Promise<number> {
  const started = performance.now();
  await expect
    .poll(async () => (await request()).status, { timeout: 2000, interval: 5 })
    .toBe(status);
  return performance.now() - started;
}

beforeAll(async () => {
  a = await startTestApp();
});
afterAll(() => a.close());

describe('session checks kept per node (ADR 024)', () => {
  it('reads a session once, then not again while nothing changes it; counted in /metrics', async () => {
    const { access_token: token } = await member(a);
    const before = await metric(a, 'session_checks_total{source="kept"}');
    await unread(a.url, token);
    expect(await sessionReads(() => unread(a.url, token))).toBe(0);
    expect(await metric(a, 'session_checks_total{source="kept"}')).toBe(before + 1);
    expect(await metric(a, 'session_notices_listening')).toBe(1);
  });

  it('refuses a session revoked from outside once its notice arrives (well within 1 s)', async () => {
    const { access_token: token, session_id: sessionId } = await member(a);
    expect((await unread(a.url, token)).status).toBe(200);
    await revokeFromOutside(a, sessionId);
    const ms = await untilStatus(() => unread(a.url, token), 401);
    process.stdout.write(
      `session cache: revoked from outside, refused after ${ms.toFixed(1)} ms\n`,
    );
    expect(ms).toBeLessThan(1000);
  });

  it('refuses a session at the very next request on the node that ended it', async () => {
    const { access_token: token, session_id: sessionId } = await member(a);
    expect((await unread(a.url, token)).status).toBe(200);
    const logout = await fetch(`${a.url}/api/v1/sessions/${sessionId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(logout.status).toBe(204);
    expect((await unread(a.url, token)).status).toBe(401);
  });
});

describe.skipIf(!twoNodes)('session checks kept per node, on PostgreSQL (ADR 024)', () => {
  let b: TestApp;
  beforeAll(async () => {
    b = await startTestApp({ databaseUrl: a.databaseUrl!, secrets: a.secrets });
  });
  afterAll(() => b.close());

  it('a logout on node A drops node B’s kept check: B refuses within 1 s', async () => {
    const { access_token: token, session_id: sessionId } = await member(a);
    expect((await unread(b.url, token)).status).toBe(200);
    expect(await sessionReads(() => unread(b.url, token))).toBe(0);
    const logout = await fetch(`${a.url}/api/v1/sessions/${sessionId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(logout.status).toBe(204);
    const ms = await untilStatus(() => unread(b.url, token), 401);
    process.stdout.write(
      `session cache: logout on node A, refused on node B after ${ms.toFixed(1)} ms\n`,
    );
    expect(ms).toBeLessThan(1000);
  });

  it('keeps nothing while its listener is cut off, and keeps again once it is back', async () => {
    const { access_token: token, session_id: sessionId } = await member(a);
    await unread(a.url, token);
    expect(await sessionReads(() => unread(a.url, token))).toBe(0);
    // Both nodes' listeners (this test's database only): the connections end, as in a restart.
    await database(a).execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'LISTEN%'`,
    );
    await expect
      .poll(() => sessionReads(() => unread(a.url, token)), { timeout: 1000, interval: 20 })
      .toBe(1);
    expect(await metric(a, 'session_notices_listening')).toBe(0);
    // Meanwhile a change from outside sends a notice nobody hears: it is refused at once anyway.
    const other = await member(a);
    await unread(a.url, other.access_token);
    await revokeFromOutside(a, other.session_id);
    expect((await unread(a.url, other.access_token)).status).toBe(401);
    // Listening again within about a second: the session is kept again.
    await expect
      .poll(
        async () => {
          await unread(a.url, token);
          return sessionReads(() => unread(a.url, token));
        },
        { timeout: 5000, interval: 200 },
      )
      .toBe(0);
    await revokeFromOutside(a, sessionId);
    await untilStatus(() => unread(a.url, token), 401);
  });
});
