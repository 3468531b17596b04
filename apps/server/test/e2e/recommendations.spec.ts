import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema, recommendationListSchema } from '@cardcoop/contracts';
import type { MeetingInput, RecommendationList } from '@cardcoop/contracts';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { JobQueue } from '../../src/infra/jobs/job-queue.js';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import { dueDateToday } from '../../src/modules/contributions/contribution-view.js';
import { addAccount, call, PAYMENT_DETAILS, registerCooperative } from '../support/coop-fixture.js';
import { testDatabaseUrl } from '../support/environment.js';
import { registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';
import type { TestDatabase } from '../support/test-database.js';

/**
 * Recommendations on real PostgreSQL: each server rule fires on its data and not otherwise, a
 * dismissal holds and is the member's own, and "turn on 2FA" is notified once a day after
 * registration, across a restart.
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Created here on PostgreSQL, so the node can stop and another start on it. */
let database: TestDatabase | undefined;
let node: TestApp;
let coop: string;
const members: Record<string, { userId: string; token: string }> = {};

const db = () => node.app.get<Database>(DATABASE).primary;
const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await db().execute(query)) as unknown as { rows: T[] }).rows;
const bearer = (name: string) => `Bearer ${members[name]!.token}`;

async function member(name: string, username?: string) {
  const { tokens, userId } = await registerRaw(
    node.url,
    `${name}.recs@coop.example`,
    `${name} password`,
  );
  members[name] = { userId, token: tokens.access_token };
  if (!username) return;
  await addAccount(node, tokens.access_token, { coopname: 'voskhod', username });
}

async function list(name: string): Promise<RecommendationList> {
  const answer = await call(node, 'GET', '/recommendations', bearer(name));
  expect(answer.status).toBe(200);
  return recommendationListSchema.parse(answer.body);
}
const idsOf = async (name: string) => (await list(name)).recommendations.map(({ id }) => id);
const dismiss = (name: string, id: string) =>
  call(node, 'POST', `/recommendations/${encodeURIComponent(id)}/dismiss`, bearer(name));

/** 2FA on and the Recovery Kit confirmed: the member's own rules quiet. */
const secure = (name: string) =>
  db().execute(
    sql`update users set totp_enabled_at = now(), recovery_kit_confirmed_at = now()
        where id = ${members[name]!.userId}`,
  );
const confirm = async (username: string) =>
  expect((await call(node, 'PUT', `/coop/memberships/${username}`, coop)).status).toBe(204);
const noticesOf = async (name: string, type: string) =>
  (
    await rows<{ n: number }>(
      sql`select count(*)::int as n from notifications
          where user_id = ${members[name]!.userId} and type = ${type}`,
    )
  )[0]!.n;

beforeAll(async () => {
  database = testDatabaseUrl ? await createTestDatabase() : undefined;
  node = await startTestApp(database?.url ? { databaseUrl: database.url } : {});
  coop = await registerCooperative(node, 'voskhod', 'ПК ВОСХОД');
  const details = await call(node, 'PUT', '/coop/payment-details', coop, PAYMENT_DETAILS);
  expect(details.status).toBe(204);
  // anna: confirmed in voskhod; boris: an applicant there; vera: no account at all.
  await member('anna', 'annarecsvosk');
  await member('boris', 'borisrecsvos');
  await member('vera');
});
afterAll(async () => {
  await node.close();
  await database?.drop();
});

describe('the member’s own rules', () => {
  it('a new member is told to turn on 2FA and to confirm the Recovery Kit, and nothing else', async () => {
    const { recommendations, dismissed } = await list('vera');
    expect(recommendations).toEqual([
      {
        id: 'recovery-kit',
        kind: 'recovery_kit_unconfirmed',
        data: {},
        action_url: '/id/security',
      },
      { id: 'totp-off', kind: 'totp_off', data: {}, action_url: '/id/security' },
    ]);
    expect(dismissed).toEqual([]);
  });

  it('2FA on and the kit confirmed: neither', async () => {
    await secure('vera');
    expect(await idsOf('vera')).toEqual([]);
  });
});

describe('the cooperatives’ rules', () => {
  beforeAll(async () => {
    await secure('anna');
    await secure('boris');
  });

  it('a confirmed membership is suggested for two weeks and notified once', async () => {
    expect(await idsOf('anna')).toEqual([]);
    await confirm('annarecsvosk');
    await confirm('annarecsvosk');
    const { recommendations } = await list('anna');
    expect(recommendations).toEqual([
      expect.objectContaining({
        id: 'membership-confirmed:annarecsvosk',
        kind: 'membership_confirmed',
        data: expect.objectContaining({ coopname: 'voskhod', display_name: 'ПК ВОСХОД' }),
        action_url: '/id/accounts',
      }),
    ]);
    expect(await noticesOf('anna', 'membership.confirmed')).toBe(1);
    expect(await noticesOf('boris', 'membership.confirmed')).toBe(0);
    await db().execute(
      sql`update memberships set confirmed_at = now() - interval '15 days'
          where username = 'annarecsvosk'`,
    );
    expect(await idsOf('anna')).toEqual([]);
  });

  it('an unpaid contribution is suggested within 7 days of its due date and while overdue, not once paid', async () => {
    const dueIn = (days: number) => dueDateToday(Date.now() + days * DAY);
    const issue = async (externalId: string, days: number) => {
      const issued = await call(node, 'PUT', `/coop/payment-requests/${externalId}`, coop, {
        username: 'annarecsvosk',
        kind: 'membership_fee',
        amount: { amount: 50_000, currency: 'RUB' },
        due_date: dueIn(days),
        purpose: 'Членский взнос',
      });
      expect(issued.status).toBeLessThan(300);
      return (
        await rows<{ id: string }>(
          sql`select id from payment_requests where external_id = ${externalId}`,
        )
      )[0]!.id;
    };
    await issue('recs-far', 10);
    const soon = await issue('recs-soon', 5);
    const late = await issue('recs-late', -1);
    const { recommendations } = await list('anna');
    expect(recommendations.map(({ id }) => id)).toEqual([
      `contribution-due:${late}`,
      `contribution-due:${soon}`,
    ]);
    expect(recommendations[0]).toMatchObject({
      kind: 'contribution_due',
      data: { overdue: true, due_date: dueIn(-1), amount: { amount: 50_000, currency: 'RUB' } },
      action_url: `/member/contributions/${late}`,
    });
    expect(recommendations[1]).toMatchObject({ data: { overdue: false } });
    const paid = await call(node, 'POST', '/coop/payment-requests/recs-late/confirm', coop, {
      payment_id: 'recs-pay-1',
      paid_at: new Date().toISOString(),
      amount: { amount: 50_000, currency: 'RUB' },
    });
    expect(paid.status).toBe(200);
    expect(await idsOf('anna')).toEqual([`contribution-due:${soon}`]);
    expect(await idsOf('boris')).toEqual([]);
    expect((await call(node, 'DELETE', '/coop/payment-requests/recs-soon', coop)).status).toBe(204);
    expect(await idsOf('anna')).toEqual([]);
  });

  it('a meeting within 7 days is suggested to confirmed members until they answer', async () => {
    const meeting = (externalId: string, startsInMs: number, extra: Partial<MeetingInput> = {}) =>
      call(node, 'PUT', `/coop/meetings/${externalId}`, coop, {
        kind: 'general_meeting',
        title: `Собрание ${externalId}`,
        agenda: [],
        documents: [],
        starts_at: new Date(Date.now() + startsInMs).toISOString(),
        ends_at: new Date(Date.now() + startsInMs + 2 * HOUR).toISOString(),
        time_zone: 'Europe/Moscow',
        place: 'Москва',
        ...extra,
      }).then((answer) => {
        expect(answer.status).toBe(200);
        return (answer.body as { id: string }).id;
      });
    const near = await meeting('recs-near', 3 * DAY);
    await meeting('recs-far', 10 * DAY);
    await meeting('recs-closed', 2 * DAY, {
      registration_deadline: new Date(Date.now() - HOUR).toISOString(),
    });
    const cancelled = await meeting('recs-cancelled', 4 * DAY);
    expect((await call(node, 'DELETE', '/coop/meetings/recs-cancelled', coop)).status).toBe(204);
    const { recommendations } = await list('anna');
    expect(recommendations).toEqual([
      {
        id: `meeting-unanswered:${near}`,
        kind: 'meeting_unanswered',
        data: expect.objectContaining({ meeting_id: near, title: 'Собрание recs-near' }),
        action_url: `/member/meetings/${near}`,
      },
    ]);
    expect(recommendations.map(({ id }) => id)).not.toContain(`meeting-unanswered:${cancelled}`);
    expect(await idsOf('boris')).toEqual([]);
    const answered = await call(node, 'PUT', `/meetings/${near}/attendance`, bearer('anna'), {
      answer: 'maybe',
    });
    expect(answered.status).toBe(200);
    expect(await idsOf('anna')).toEqual([]);
  });
});

describe('dismissing', () => {
  it('hides a suggestion for good, once, with one audit event; again changes nothing', async () => {
    await member('gleb');
    expect(await idsOf('gleb')).toEqual(['recovery-kit', 'totp-off']);
    for (let i = 0; i < 2; i += 1) expect((await dismiss('gleb', 'totp-off')).status).toBe(204);
    expect(await idsOf('gleb')).toEqual(['recovery-kit']);
    const { events } = await node.app.get(AuditService).page(members.gleb!.userId, {});
    expect(events.filter((event) => event.type === 'recommendation.dismissed')).toEqual([
      expect.objectContaining({ data: { key: 'totp-off' } }),
    ]);
    const stored = await rows<{ n: number }>(
      sql`select count(*)::int as n from recommendation_dismissals
          where user_id = ${members.gleb!.userId}`,
    );
    expect(stored[0]!.n).toBe(1);
  });

  it('keeps the browser rules’ dismissals and tells them back', async () => {
    expect((await list('gleb')).dismissed).toEqual([]);
    expect((await dismiss('gleb', 'card-incomplete')).status).toBe(204);
    expect(await list('gleb')).toMatchObject({ dismissed: ['card-incomplete'] });
  });

  it('an unknown or malformed id is 404 RECOMMENDATION_NOT_FOUND', async () => {
    for (const id of ['nope', 'contribution-due:00000000-0000-4000-8000-000000000000', 'a b']) {
      const answer = await dismiss('gleb', id);
      expect(answer.status).toBe(404);
      expect(errorBodySchema.parse(answer.body).code).toBe('RECOMMENDATION_NOT_FOUND');
    }
  });

  it('the dismissal is the member’s own: another member cannot dismiss mine, nor hide it by hiding theirs', async () => {
    await member('dina');
    expect((await dismiss('dina', 'totp-off')).status).toBe(204);
    expect(await idsOf('vera')).toEqual([]);
    await db().execute(
      sql`update users set totp_enabled_at = null where id = ${members.vera!.userId}`,
    );
    expect(await idsOf('vera')).toEqual(['totp-off']);
    const issued = await call(node, 'PUT', '/coop/payment-requests/recs-mine', coop, {
      username: 'annarecsvosk',
      kind: 'membership_fee',
      amount: { amount: 10_000, currency: 'RUB' },
      due_date: dueDateToday(Date.now() + 2 * DAY),
      purpose: 'Членский взнос',
    });
    expect(issued.status).toBeLessThan(300);
    const [anna] = (await list('anna')).recommendations;
    expect(anna?.kind).toBe('contribution_due');
    const stranger = await dismiss('boris', anna!.id);
    expect(stranger.status).toBe(404);
    expect(await idsOf('anna')).toEqual([anna!.id]);
    expect((await dismiss('anna', anna!.id)).status).toBe(204);
    expect(await idsOf('anna')).toEqual([]);
  });

  it('asks for a member token', async () => {
    expect((await call(node, 'GET', '/recommendations', 'Bearer nope')).status).toBe(401);
  });
});

describe('"turn on 2FA" as a notification', () => {
  const keyOf = (name: string) => `recommendation:${members[name]!.userId}:totp-off`;
  const jobOf = async (name: string) =>
    (
      await rows<{ run_at: string }>(sql`select run_at::text from jobs where key = ${keyOf(name)}`)
    )[0];
  const dueNow = (name: string) =>
    db().execute(
      sql`update jobs set run_at = now() - interval '1 second' where key = ${keyOf(name)}`,
    );

  it('is scheduled a day after registration', async () => {
    await member('olga');
    const [user] = await rows<{ created_at: string }>(
      sql`select created_at::text from users where id = ${members.olga!.userId}`,
    );
    const runAt = Date.parse((await jobOf('olga'))!.run_at);
    expect(Math.abs(runAt - Date.parse(user!.created_at) - DAY)).toBeLessThan(5000);
  });

  it('fires once across a restart; a member with 2FA on, or who hid it, gets none', async () => {
    await member('pavel');
    await member('rita');
    await db().execute(
      sql`update users set totp_enabled_at = now() where id = ${members.pavel!.userId}`,
    );
    expect((await dismiss('rita', 'totp-off')).status).toBe(204);
    for (const name of ['olga', 'pavel', 'rita']) await dueNow(name);
    if (database?.url) {
      // The node that scheduled it stops; another starts on the same database and runs it.
      const { secrets, config } = node;
      await node.close();
      node = await startTestApp({
        databaseUrl: database.url,
        secrets,
        env: { CACHE_KEY_PREFIX: config.cache.keyPrefix },
      });
    }
    await node.app.get(JobQueue).drain();
    expect(await jobOf('olga')).toBeUndefined();
    expect(await noticesOf('olga', 'recommendation.totp_off')).toBe(1);
    // A node died after notifying and before deleting the job: it runs again.
    await node.app.get(JobQueue).enqueue('recommendation.totp_off', {
      userId: members.olga!.userId,
    });
    await node.app.get(JobQueue).drain();
    expect(await noticesOf('olga', 'recommendation.totp_off')).toBe(1);
    expect(await noticesOf('pavel', 'recommendation.totp_off')).toBe(0);
    expect(await noticesOf('rita', 'recommendation.totp_off')).toBe(0);
  });
});
