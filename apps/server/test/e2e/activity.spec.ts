import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitySchema, errorBodySchema, loginHistorySchema } from '@cardcoop/contracts';
import type { AuditData } from '../../src/modules/audit/audit-hash.js';
import { contentDigest } from '../../src/modules/audit/audit-hash.js';
import { AuditRepository } from '../../src/modules/audit/audit.repository.js';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import { addAccount, call, PAYMENT_DETAILS, registerCooperative } from '../support/coop-fixture.js';
import { openApiDocument } from '../support/openapi-document.js';
import { loginRaw, registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;
let anna: { token: string; userId: string; registeredSession: string };
let boris: { token: string; userId: string };
let laptopSession: string;

const ANNA = 'anna@activity.example';
const PASSWORD = 'anna activity password';
const bearer = (token: string) => `Bearer ${token}`;
/** 23:30 and 00:30 in Moscow (UTC+3) on either side of its midnight; both on 10 March in UTC. */
const BEFORE_MIDNIGHT = '2026-03-10T20:30:00.000Z';
const AFTER_MIDNIGHT = '2026-03-10T21:30:00.000Z';

/** Appends an event of `userId` at a chosen time, as `audit_append` appends any event. */
async function eventAt(
  userId: string,
  type: string,
  at: string,
  data: AuditData,
  ip?: string,
): Promise<void> {
  const { ipSealed } = server.app.get(AuditService).eventFor(userId, type, data, ip);
  const draft = {
    auditType: type,
    auditAt: at,
    auditData: JSON.stringify(data),
    auditDigest: contentDigest({ type, at: new Date(at), data }),
  };
  await server.app.get(AuditRepository).append(userId, draft, ipSealed);
}

async function member(email: string, password: string, username: string) {
  const { tokens, userId } = await registerRaw(server.url, email, password);
  await addAccount(server, tokens.access_token, { coopname: 'voskhod', username });
  return { token: tokens.access_token, userId, registeredSession: tokens.session_id };
}

async function paid(voskhod: string, id: string, username: string, amount: number, at: string) {
  const request = {
    username,
    kind: 'share_contribution',
    amount: { amount, currency: 'RUB' },
    due_date: '2099-01-31',
    purpose: `Паевой взнос ${id}`,
  };
  expect((await call(server, 'PUT', `/coop/payment-requests/${id}`, voskhod, request)).status).toBe(
    200,
  );
  const confirm = { payment_id: `pay-${id}`, paid_at: at, amount: request.amount };
  const confirmed = await call(server, 'POST', `/coop/payment-requests/${id}/confirm`, voskhod, {
    ...confirm,
  });
  expect(confirmed.status).toBe(200);
}

const activityOf = async (token: string, query: string) => {
  const response = await call(server, 'GET', `/activity?${query}`, bearer(token));
  expect(response.status).toBe(200);
  return activitySchema.parse(response.body);
};

beforeAll(async () => {
  server = await startTestApp();
  const voskhod = await registerCooperative(server, 'voskhod', 'ПК ВОСХОД');
  await registerCooperative(server, 'zarya', 'ПК Заря');
  expect(
    (await call(server, 'PUT', '/coop/payment-details', voskhod, PAYMENT_DETAILS)).status,
  ).toBe(204);
  anna = await member(ANNA, PASSWORD, 'annaactivity');
  const other = await member('boris@activity.example', 'boris password', 'borisactivty');
  boris = other;

  const login = await loginRaw(server.url, ANNA, PASSWORD, 'Firefox on Linux');
  expect(login.response.status).toBe(200);
  laptopSession = login.json.session_id;

  // Reads: one before Moscow's midnight, three after it (two by Восход, one by Заря).
  await eventAt(anna.userId, 'grant.read', BEFORE_MIDNIGHT, { coopname: 'voskhod' });
  for (const coopname of ['voskhod', 'voskhod', 'zarya'])
    await eventAt(anna.userId, 'grant.read', AFTER_MIDNIGHT, { coopname });
  // Sign-ins on either side, on the devices of the two sessions, from a documentation address.
  await eventAt(
    anna.userId,
    'login.succeeded',
    BEFORE_MIDNIGHT,
    { session_id: anna.registeredSession, mfa: false },
    '203.0.113.7',
  );
  await eventAt(
    anna.userId,
    'login.succeeded',
    AFTER_MIDNIGHT,
    { session_id: laptopSession, mfa: false },
    '203.0.113.8',
  );
  // Boris's events at the same times are his alone.
  await eventAt(boris.userId, 'grant.read', AFTER_MIDNIGHT, { coopname: 'voskhod' });
  await eventAt(
    boris.userId,
    'login.succeeded',
    AFTER_MIDNIGHT,
    { session_id: laptopSession, mfa: false },
    '198.51.100.1',
  );
  // Paid 00:30 on 1 April in Moscow (31 March in UTC), and in mid-March; Boris's never counts.
  await paid(voskhod, 'a-1', 'annaactivity', 150_000, '2026-03-31T21:30:00.000Z');
  await paid(voskhod, 'a-2', 'annaactivity', 50_000, '2026-03-15T10:00:00.000+03:00');
  await paid(voskhod, 'b-1', 'borisactivty', 70_000, '2026-03-15T10:00:00.000+03:00');
});
afterAll(() => server.close());

describe('GET /activity', () => {
  it("counts reads, sign-ins and payments per day in the member's time zone, across midnight", async () => {
    const activity = await activityOf(anna.token, 'from=2026-03-01&to=2026-04-30&tz=Europe/Moscow');
    expect(activity).toMatchObject({ granularity: 'day', tz: 'Europe/Moscow' });
    expect(activity.reads).toEqual([
      { period: '2026-03-10', coopname: 'voskhod', display_name: 'ПК ВОСХОД', count: 1 },
      { period: '2026-03-11', coopname: 'voskhod', display_name: 'ПК ВОСХОД', count: 2 },
      { period: '2026-03-11', coopname: 'zarya', display_name: 'ПК Заря', count: 1 },
    ]);
    expect(activity.logins).toEqual([
      { period: '2026-03-10', device: 'test runner', count: 1 },
      { period: '2026-03-11', device: 'Firefox on Linux', count: 1 },
    ]);
    expect(activity.contributions).toEqual([
      { month: '2026-03', currency: 'RUB', amount: 50_000, count: 1 },
      { month: '2026-04', currency: 'RUB', amount: 150_000, count: 1 },
    ]);
  });

  it('puts the same events on UTC days in UTC', async () => {
    const activity = await activityOf(anna.token, 'from=2026-03-01&to=2026-04-30&tz=UTC');
    expect(activity.reads.map((row) => [row.period, row.coopname, row.count])).toEqual([
      ['2026-03-10', 'voskhod', 3],
      ['2026-03-10', 'zarya', 1],
    ]);
    expect(activity.contributions.map((row) => [row.month, row.amount])).toEqual([
      ['2026-03', 200_000],
    ]);
  });

  it('bounds the span by its days in the time zone', async () => {
    const march10 = await activityOf(anna.token, 'from=2026-03-10&to=2026-03-10&tz=Europe/Moscow');
    expect(march10.reads).toEqual([
      { period: '2026-03-10', coopname: 'voskhod', display_name: 'ПК ВОСХОД', count: 1 },
    ]);
    expect(march10.logins).toEqual([{ period: '2026-03-10', device: 'test runner', count: 1 }]);
    expect(march10.contributions).toEqual([]);
  });

  it('counts per week (from Monday) over a year', async () => {
    const year = await activityOf(anna.token, 'from=2026-01-01&to=2026-12-31&tz=Europe/Moscow');
    expect(year.granularity).toBe('week');
    expect(year.reads.map((row) => [row.period, row.coopname, row.count])).toEqual([
      ['2026-03-09', 'voskhod', 3],
      ['2026-03-09', 'zarya', 1],
    ]);
  });

  it("never shows another member's activity", async () => {
    const activity = await activityOf(
      boris.token,
      'from=2026-03-01&to=2026-04-30&tz=Europe/Moscow',
    );
    expect(activity.reads).toEqual([
      { period: '2026-03-11', coopname: 'voskhod', display_name: 'ПК ВОСХОД', count: 1 },
    ]);
    expect(activity.contributions).toEqual([
      { month: '2026-03', currency: 'RUB', amount: 70_000, count: 1 },
    ]);
  });

  it.each([
    ['from=2026-03-02&to=2026-03-01', 'to'],
    ['from=2026-01-01&to=2027-01-02', 'to'],
    ['from=2026-02-30&to=2026-03-01', 'from'],
    ['from=2026-03-01&to=2026-03-02&tz=Mars/Olympus', 'tz'],
    ['to=2026-03-01', 'from'],
  ])('refuses %s: 422 VALIDATION_FAILED at %s', async (query, path) => {
    const response = await call(server, 'GET', `/activity?${query}`, bearer(anna.token));
    expect(response.status).toBe(422);
    const body = errorBodySchema.parse(response.body);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details?.map((issue) => issue.path)).toEqual([path]);
  });

  it('is for members only', async () => {
    const response = await call(server, 'GET', '/activity?from=2026-03-01&to=2026-03-02', '');
    expect(response.status).toBe(401);
  });
});

describe('GET /activity/logins', () => {
  it('lists her sign-ins newest first with device and full address, page by page', async () => {
    const first = loginHistorySchema.parse(
      (await call(server, 'GET', '/activity/logins?limit=2', bearer(anna.token))).body,
    );
    expect(first.logins).toHaveLength(2);
    expect(first.logins[0]).toMatchObject({ device: 'Firefox on Linux' });
    expect(first.logins[0]!.ip).toMatch(/127\.0\.0\.1|::1/);
    expect(first.logins[1]).toEqual({
      at: AFTER_MIDNIGHT,
      device: 'Firefox on Linux',
      ip: '203.0.113.8',
    });
    const second = loginHistorySchema.parse(
      (
        await call(
          server,
          'GET',
          `/activity/logins?limit=2&after=${first.next!}`,
          bearer(anna.token),
        )
      ).body,
    );
    expect(second.logins).toEqual([
      { at: BEFORE_MIDNIGHT, device: 'test runner', ip: '203.0.113.7' },
    ]);
    expect(second.next).toBeNull();
  });

  it('shows Boris only his own sign-in, and no address ever reaches the log', async () => {
    const his = loginHistorySchema.parse(
      (await call(server, 'GET', '/activity/logins', bearer(boris.token))).body,
    );
    expect(his).toEqual({
      // The event names Anna's session: a session that is not his names no device of his.
      logins: [{ at: AFTER_MIDNIGHT, device: null, ip: '198.51.100.1' }],
      next: null,
    });
    expect(server.logs()).not.toMatch(/203\.0\.113\.[78]|198\.51\.100\.1/);
  });

  it('refuses a cursor of another list', async () => {
    const response = await call(
      server,
      'GET',
      '/activity/logins?after=bm90LWEtY3Vyc29y',
      bearer(anna.token),
    );
    expect(response.status).toBe(422);
    expect(errorBodySchema.parse(response.body).details?.[0]?.path).toBe('after');
  });
});

describe('activity in OpenAPI', () => {
  it('documents both operations with their parameters, answers and bearer security', async () => {
    const document = await openApiDocument(server);
    const summary = document.paths['/api/v1/activity']?.get;
    const logins = document.paths['/api/v1/activity/logins']?.get;
    expect(summary?.security).toEqual([{ bearer: [] }]);
    expect(logins?.security).toEqual([{ bearer: [] }]);
    expect(summary?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['from', 'to', 'tz']),
    );
    expect(logins?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['after', 'limit']),
    );
    expect(summary?.responses?.['200']?.content).toHaveProperty('application/json');
    expect(logins?.responses?.['200']?.content).toHaveProperty('application/json');
  });
});
