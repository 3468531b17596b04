import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenResponseSchema } from '@cardcoop/contracts';
import type { TokenResponse } from '@cardcoop/contracts';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { RETENTION } from '../../src/modules/retention/retention-periods.js';
import {
  RETENTION_RULES,
  RetentionRepository,
} from '../../src/modules/retention/retention.repository.js';
import { RetentionService } from '../../src/modules/retention/retention.service.js';
import { REFRESH_GRACE_MS } from '../../src/modules/sessions/sessions.service.js';
import { registerCooperative } from '../support/coop-fixture.js';
import { loginRaw, post, registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

// The retention task on a real database: rows past their period go, rows within it stay, and
// a live session's spent refresh tokens survive it (reuse detection still revokes the session).
let server: TestApp;
let db: Database['primary'];
let userId: string;
const EMAIL = 'retention.member@coop.example';
const PASSWORD = 'retention member password';
const COOP = 'retentionzz1';

const daysAgo = (days: number) => sql`now() - ${days}::float8 * interval '1 day'`;
const rows = async <T>(query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows;
const count = async (query: SQL) => (await rows<{ n: number }>(query))[0]!.n;
const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');

async function login(): Promise<TokenResponse> {
  const { response, json } = await loginRaw(server.url, EMAIL, PASSWORD);
  expect(response.status).toBe(200);
  return tokenResponseSchema.parse(json);
}

const refresh = (token: string) =>
  post(server.url, '/api/v1/auth/refresh-token', { refresh_token: token });

beforeAll(async () => {
  server = await startTestApp();
  db = server.app.get<Database>(DATABASE).primary;
  await registerRaw(server.url, EMAIL, PASSWORD);
  await registerCooperative(server, COOP, 'Retention');
  const { session_id } = await login();
  const [session] = await rows<{ userId: string }>(
    sql`select user_id as "userId" from sessions where id = ${session_id}`,
  );
  userId = session!.userId;
});
afterAll(() => server.close());

/** Plants rows past and within retention; each query reads back which are left. */
async function plant(): Promise<Record<string, SQL>> {
  const old = RETENTION;
  const session = (name: string, ended: SQL | null, expires: SQL) => sql`
    insert into sessions (user_id, device_name, amr, expires_at, revoked_at)
    values (${userId}, ${name}, '{pwd}', ${expires}, ${ended})`;
  await db.execute(session('ended-long-ago', daysAgo(old.endedSessionsDays + 1), daysAgo(-30)));
  await db.execute(session('expired-long-ago', null, daysAgo(old.endedSessionsDays + 1)));
  await db.execute(session('ended-lately', daysAgo(2), daysAgo(-30)));
  await db.execute(sql`insert into refresh_tokens (hash, session_id, spent_at)
    select 'rt-' || device_name, id, now() - interval '3 days' from sessions
    where user_id = ${userId} and device_name in ('ended-long-ago', 'ended-lately')`);

  const [grant] = await rows<{ id: string }>(sql`
    insert into grants (user_id, coopname, username) values (${userId}, ${COOP}, 'retentionmem')
    returning id`);
  const ticket = (hash: string, expires: SQL) => sql`
    insert into tickets (hash, grant_id, coopname, redirect_uri, code_challenge, expires_at)
    values (${hash}, ${grant!.id}, ${COOP}, 'https://r.example/cb', 'c', ${expires})`;
  await db.execute(ticket('ticket-old', daysAgo(old.ticketsAfterExpiryDays + 0.1)));
  await db.execute(ticket('ticket-kept', daysAgo(old.ticketsAfterExpiryDays - 0.1)));

  const notice = (kind: string, created: SQL, read: SQL | null) => sql`
    insert into notifications (user_id, type, data, created_at, read_at)
    values (${userId}, 'grant.shared', ${JSON.stringify({ kind })}::jsonb, ${created}, ${read})`;
  await db.execute(notice('read-old', daysAgo(old.readNotificationsDays + 1), daysAgo(1)));
  await db.execute(notice('unread-old', daysAgo(old.notificationsDays + 1), null));
  await db.execute(notice('unread-kept', daysAgo(old.readNotificationsDays + 1), null));
  await db.execute(notice('read-kept', daysAgo(old.readNotificationsDays - 1), daysAgo(1)));
  await db.execute(sql`insert into notification_deliveries (user_id, key, created_at) values
    (${userId}, 'delivery-old', ${daysAgo(old.notificationsDays + 1)}),
    (${userId}, 'delivery-kept', ${daysAgo(old.notificationsDays - 1)})`);

  const challenge = (lookup: string, expires: SQL) => sql`
    insert into email_challenges (purpose, email_lookup, code_hash, expires_at)
    values ('recovery', ${lookup}, 'h', ${expires})`;
  await db.execute(challenge('challenge-old', daysAgo(old.emailChallengesAfterExpiryDays + 0.1)));
  await db.execute(challenge('challenge-kept', daysAgo(0.5)));

  await db.execute(sql`insert into login_failures
    (email_lookup, client, failures, window_started_at, locked_until) values
    ('failures-old', 'ip:x', 3, ${daysAgo(2)}, null),
    ('failures-locked', 'ip:x', 9, ${daysAgo(2)}, ${daysAgo(-1)}),
    ('failures-kept', 'ip:x', 1, ${daysAgo(0.5)}, null)`);

  await db.execute(sql`insert into idempotency_keys (scope, key, request_hash, status, created_at)
    values ('retention', 'key-old', 'h', 'done', ${daysAgo(old.idempotencyKeysDays + 1)}),
           ('retention', 'key-kept', 'h', 'done', ${daysAgo(old.idempotencyKeysDays - 1)})`);

  await db.execute(sql`insert into test_shares
    (coopname, ticket_hash, redirect_uri, code_challenge, envelope, member_public_key, expires_at)
    values (${COOP}, 'share-old', 'https://r.example/cb', 'c', '{}', 'k',
              ${daysAgo(old.testSharesAfterExpiryDays + 1)}),
           (${COOP}, 'share-kept', 'https://r.example/cb', 'c', '{}', 'k',
              ${daysAgo(old.testSharesAfterExpiryDays - 1)})`);

  const [endpoint] = await rows<{ id: string }>(sql`
    insert into webhook_endpoints (coopname, url, events, secret_sealed)
    values (${COOP}, 'https://r.example/hook', '{grant.created}', 's') returning id`);
  const webhook = async (id: string, days: number, status: string | null) => {
    await db.execute(sql`insert into webhook_events (id, coopname, type, payload, created_at)
      values (${id}, ${COOP}, 'grant.created', '{}', ${daysAgo(days)})`);
    if (status)
      await db.execute(sql`insert into webhook_deliveries (endpoint_id, event_id, status, created_at)
        values (${endpoint!.id}, ${id}, ${status}, ${daysAgo(days)})`);
  };
  const webhookDays = old.webhookDeliveriesDays;
  await webhook('evt-delivered-old', webhookDays + 1, 'delivered');
  await webhook('evt-failed-old', webhookDays + 1, 'failed');
  await webhook('evt-pending-old', webhookDays + 1, 'pending');
  await webhook('evt-delivered-kept', webhookDays - 1, 'delivered');
  await webhook('evt-none-old', webhookDays + 1, null);

  await db.execute(sql`insert into jobs (kind, payload_sealed, failed_at) values
    ('retention-old', 'p', ${daysAgo(old.failedJobsDays + 1)}),
    ('retention-kept', 'p', ${daysAgo(old.failedJobsDays - 1)}),
    ('retention-pending', 'p', null)`);

  return {
    sessions: sql`select device_name as v from sessions
      where user_id = ${userId} and device_name like '%-%' order by 1`,
    refresh_tokens: sql`select hash as v from refresh_tokens where hash like 'rt-%' order by 1`,
    tickets: sql`select hash as v from tickets where grant_id = ${grant!.id} order by 1`,
    notifications: sql`select data->>'kind' as v from notifications
      where user_id = ${userId} and data ? 'kind' order by 1`,
    notification_deliveries: sql`select key as v from notification_deliveries
      where key like 'delivery-%' order by 1`,
    email_challenges: sql`select email_lookup as v from email_challenges
      where email_lookup like 'challenge-%' order by 1`,
    login_failures: sql`select email_lookup as v from login_failures
      where email_lookup like 'failures-%' order by 1`,
    idempotency_keys: sql`select key as v from idempotency_keys
      where scope = 'retention' order by 1`,
    test_shares: sql`select ticket_hash as v from test_shares where coopname = ${COOP} order by 1`,
    webhook_deliveries: sql`select event_id as v from webhook_deliveries
      where endpoint_id = ${endpoint!.id} order by 1`,
    webhook_events: sql`select id as v from webhook_events where coopname = ${COOP} order by 1`,
    jobs: sql`select kind as v from jobs where kind like 'retention-%' order by 1`,
  };
}

const values = async (query: SQL) => (await rows<{ v: string }>(query)).map((row) => row.v);

describe('retention', () => {
  it('deletes the rows past retention of every rule and keeps the rows within it', async () => {
    const left = await plant();
    const counts = await server.app.get(RetentionService).runOnce();
    expect(Object.keys(counts!).sort()).toEqual(RETENTION_RULES.map((rule) => rule.name).sort());
    expect(await values(left.sessions!)).toEqual(['ended-lately']);
    // The ended session's tokens go a day after it ended, before the session itself.
    expect(await values(left.refresh_tokens!)).toEqual([]);
    expect(await values(left.tickets!)).toEqual(['ticket-kept']);
    expect(await values(left.notifications!)).toEqual(['read-kept', 'unread-kept']);
    expect(await values(left.notification_deliveries!)).toEqual(['delivery-kept']);
    expect(await values(left.email_challenges!)).toEqual(['challenge-kept']);
    expect(await values(left.login_failures!)).toEqual(['failures-kept', 'failures-locked']);
    expect(await values(left.idempotency_keys!)).toEqual(['key-kept']);
    expect(await values(left.test_shares!)).toEqual(['share-kept']);
    expect(await values(left.webhook_deliveries!)).toEqual([
      'evt-delivered-kept',
      'evt-pending-old',
    ]);
    expect(await values(left.webhook_events!)).toEqual(['evt-delivered-kept', 'evt-pending-old']);
    expect(await values(left.jobs!)).toEqual(['retention-kept', 'retention-pending']);
    expect(counts).toMatchObject({ sessions: 2, tickets: 1, notifications: 2, failed_jobs: 1 });
    // A second run finds nothing left to do.
    const again = await server.app.get(RetentionService).runOnce();
    expect(Object.values(again!).every((n) => n === 0)).toBe(true);
  });

  it('deletes a backlog larger than a batch in several statements', async () => {
    await db.execute(sql`insert into idempotency_keys (scope, key, request_hash, created_at)
      select 'backlog', 'k' || i, 'h', now() - interval '400 days' from generate_series(1, 7) i`);
    const rule = RETENTION_RULES.find((r) => r.name === 'idempotency_keys')!;
    const deleted = await server.app.get(RetentionRepository).deleteBatched(rule, new Date(), 3);
    expect(deleted).toBe(7);
    expect(
      await count(sql`select count(*)::int as n from idempotency_keys
      where scope = 'backlog'`),
    ).toBe(0);
  });

  it('keeps a live session’s spent refresh tokens: a replay after the run still revokes the session', async () => {
    const first = await login();
    const second = await refresh(first.refresh_token!);
    expect(second.status).toBe(200);
    // Spent long ago as far as the grace window and the retention periods go.
    await db.execute(sql`update refresh_tokens
      set spent_at = now() - make_interval(secs => ${REFRESH_GRACE_MS / 1000 + 86_400 * 400})
      where hash = ${hashOf(first.refresh_token!)}`);
    await server.app.get(RetentionService).runOnce();
    expect(
      await count(sql`select count(*)::int as n from refresh_tokens
        where hash = ${hashOf(first.refresh_token!)}`),
    ).toBe(1);
    const replay = await refresh(first.refresh_token!);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { code: string }).code).toBe('SESSION_REVOKED');
    const [session] = await rows<{ reason: string | null }>(sql`
      select revoked_reason as reason from sessions where id = ${first.session_id}`);
    expect(session!.reason).toBe('refresh_token_reuse');
  });
});
