import { PrivateKey } from '@wharfkit/antelope';
import { sql } from 'drizzle-orm';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MEMBER_EVENT_NAME, REALTIME_PATH } from '@cardcoop/contracts';
import type { MeetingInput, MemberEvent } from '@cardcoop/contracts';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { JobQueue } from '../../src/infra/jobs/job-queue.js';
import { CardAccountsService } from '../../src/modules/card/card-accounts.service.js';
import { dueSoonAt } from '../../src/modules/contributions/contribution-notices.js';
import { call, PAYMENT_DETAILS, registerCooperative } from '../support/coop-fixture.js';
import { testRedisUrl } from '../support/environment.js';
import { fakeEnvelope, mailsTo, post, registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/**
 * The modules' notices wired end to end: a cooperative's meetings, payment requests and balances
 * notify its confirmed members (no applicant, no other cooperative's member), their open tabs
 * hear it, and reminders are keyed jobs that move and go with their meeting or request and fire
 * exactly once across nodes and restarts, a repeated run writing nothing new.
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;

// Two nodes on one PostgreSQL and one Redis (the cache carries the member events and mailbox).
let nodeA: TestApp;
let nodeB: TestApp | undefined;
const later: TestApp[] = [];
const sockets: ReturnType<typeof io>[] = [];
const coops: Record<string, string> = {};

interface Member {
  email: string;
  userId: string;
  token: string;
}
const members: Record<string, Member> = {};

/** The node a cooperative calls: the second one when there are two. */
const coopNode = () => nodeB ?? nodeA;
const db = () => nodeA.app.get<Database>(DATABASE).primary;
const rows = async <T>(query: ReturnType<typeof sql>) =>
  ((await db().execute(query)) as unknown as { rows: T[] }).rows;

const noticesOf = async (member: string, type: string) =>
  (
    await rows<{ n: number }>(
      sql`select count(*)::int as n from notifications
          where user_id = ${members[member]!.userId} and type = ${type}`,
    )
  )[0]!.n;
const jobOf = async (key: string) =>
  (await rows<{ run_at: string }>(sql`select run_at::text from jobs where key = ${key}`))[0];
const dueNow = (key: string) =>
  db().execute(sql`update jobs set run_at = now() - interval '1 second' where key = ${key}`);

async function member(name: string, accounts: [coopname: string, username: string][]) {
  const email = `${name}.notices@coop.example`;
  const { tokens, userId } = await registerRaw(nodeA.url, email, `${name} password`);
  for (const [coopname, username] of accounts) {
    const added = await post(
      nodeA.url,
      '/api/v1/card/add-account',
      {
        coopname,
        username,
        public_key: PrivateKey.generate('K1').toPublic().toString(),
        encrypted_private_key: fakeEnvelope(username),
      },
      tokens.access_token,
    );
    expect(added.status).toBe(201);
  }
  members[name] = { email, userId, token: tokens.access_token };
}

const confirmMembership = async (coopname: string, username: string) =>
  expect((await call(nodeA, 'PUT', `/coop/memberships/${username}`, coops[coopname]!)).status).toBe(
    204,
  );

/** A member's tab on node A, recording the events it hears. */
async function openTab(name: string): Promise<MemberEvent[]> {
  const socket = io(nodeA.url, {
    path: REALTIME_PATH,
    transports: ['websocket'],
    auth: { token: members[name]!.token },
  });
  sockets.push(socket);
  const heard: MemberEvent[] = [];
  socket.on(MEMBER_EVENT_NAME, (event: MemberEvent) => heard.push(event));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return heard;
}

/** A meeting of two hours (one clock reading: under load two could differ by a millisecond). */
const meeting = (startsInMs: number, title = 'Общее собрание'): MeetingInput => {
  const startsAt = Date.now() + startsInMs;
  return {
    kind: 'general_meeting',
    title,
    agenda: [],
    documents: [],
    starts_at: new Date(startsAt).toISOString(),
    ends_at: new Date(startsAt + 2 * HOUR).toISOString(),
    time_zone: 'Europe/Moscow',
    place: 'Москва, ул. Тверская, 1',
  };
};
const publish = async (externalId: string, input: MeetingInput) => {
  const answer = await call(
    coopNode(),
    'PUT',
    `/coop/meetings/${externalId}`,
    coops.voskhod!,
    input,
  );
  expect(answer.status).toBe(200);
  return answer.body as { id: string; starts_at: string };
};
const reminderAt = (startsAt: string) => new Date(Date.parse(startsAt) - DAY);

beforeAll(async () => {
  nodeA = await startTestApp();
  if (nodeA.databaseUrl && testRedisUrl) {
    nodeB = await startTestApp({
      databaseUrl: nodeA.databaseUrl,
      secrets: nodeA.secrets,
      env: { CACHE_KEY_PREFIX: nodeA.config.cache.keyPrefix },
    });
  }
  coops.voskhod = await registerCooperative(nodeA, 'voskhod', 'ПК ВОСХОД');
  coops.othercoop = await registerCooperative(nodeA, 'othercoop', 'ПК Другой');
  // anna and emma: confirmed in voskhod; boris: an applicant there; dmitri: confirmed elsewhere.
  await member('anna', [['voskhod', 'annavoskhodn']]);
  await member('emma', [['voskhod', 'emmavoskhodn']]);
  await member('boris', [['voskhod', 'borisvoskhod']]);
  await member('dmitri', [['othercoop', 'dmitriotherc']]);
  await confirmMembership('voskhod', 'annavoskhodn');
  await confirmMembership('voskhod', 'emmavoskhodn');
  await confirmMembership('othercoop', 'dmitriotherc');
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const node of later) await node.close();
  await nodeB?.close();
  await nodeA.close();
});

describe('meetings notify the cooperative’s confirmed members', () => {
  it('a publication announces it to confirmed members only; the open tab hears it within 1 s', async () => {
    const tab = await openTab('anna');
    const started = performance.now();
    const published = await publish('gm-1', meeting(10 * DAY));
    await vi.waitFor(
      () => expect(tab).toContainEqual(expect.objectContaining({ type: 'notification' })),
      { timeout: 3000, interval: 5 },
    );
    // The cooperative's call (node B), the fan-out job and the member's socket (node A).
    expect(performance.now() - started).toBeLessThan(1000);
    await vi.waitFor(async () => expect(await noticesOf('emma', 'meeting.announced')).toBe(1));
    expect(await noticesOf('anna', 'meeting.announced')).toBe(1);
    expect(await noticesOf('boris', 'meeting.announced')).toBe(0);
    expect(await noticesOf('dmitri', 'meeting.announced')).toBe(0);
    const reminder = await jobOf(`meeting:${published.id}:24h`);
    expect(new Date(reminder!.run_at)).toEqual(reminderAt(published.starts_at));
  });

  it('a move re-announces and moves the reminder; a title edit notifies nobody; a cancellation drops the reminder', async () => {
    const moved = await publish('gm-1', meeting(12 * DAY));
    const key = `meeting:${moved.id}:24h`;
    expect(new Date((await jobOf(key))!.run_at)).toEqual(reminderAt(moved.starts_at));
    await vi.waitFor(async () => expect(await noticesOf('anna', 'meeting.announced')).toBe(2));
    await publish('gm-1', {
      ...meeting(12 * DAY),
      starts_at: moved.starts_at,
      ends_at: new Date(Date.parse(moved.starts_at) + 2 * HOUR).toISOString(),
      title: 'Другое название',
    });
    await coopNode().app.get(JobQueue).drain();
    expect(await noticesOf('anna', 'meeting.announced')).toBe(2);
    expect((await call(coopNode(), 'DELETE', '/coop/meetings/gm-1', coops.voskhod!)).status).toBe(
      204,
    );
    expect(await jobOf(key)).toBeUndefined();
    await coopNode().app.get(JobQueue).drain();
    expect(await noticesOf('anna', 'meeting.cancelled')).toBe(1);
  });

  it('the fan-out pages through open accounts and keeps the confirmed ones; a rerun announces nothing new', async () => {
    const accounts = nodeA.app.get(CardAccountsService);
    const pages: string[][] = [];
    let after: string | undefined;
    do {
      const page = await accounts.confirmedIn('voskhod', after, 1);
      pages.push(page.userIds);
      after = page.next;
    } while (after !== undefined);
    // annavoskhodn, borisvoskhod (an applicant), emmavoskhodn, then the empty last page.
    expect(pages).toEqual([[members.anna!.userId], [], [members.emma!.userId], []]);
    const published = await publish('gm-rerun', meeting(30 * DAY, 'Повторный запуск'));
    const jobs = coopNode().app.get(JobQueue);
    await jobs.drain();
    // gm-1 published and moved, then this one.
    await vi.waitFor(async () => expect(await noticesOf('anna', 'meeting.announced')).toBe(3));
    await jobs.enqueue('meeting.announce', { meetingId: published.id, revision: 1 });
    await jobs.drain();
    expect(await noticesOf('anna', 'meeting.announced')).toBe(3);
  });

  it('no reminder when less than 24 h remain at publication', async () => {
    const soon = await publish('gm-soon', meeting(5 * HOUR));
    expect(await jobOf(`meeting:${soon.id}:24h`)).toBeUndefined();
  });

  it('the 24 h reminder fires exactly once across a node stopped and another started; a repeated run writes nothing', async () => {
    const published = await publish('gm-2', meeting(20 * DAY, 'Собрание с напоминанием'));
    const key = `meeting:${published.id}:24h`;
    expect(await jobOf(key)).toBeDefined();
    // emma will not come: no reminder for her.
    const answered = await call(
      nodeA,
      'PUT',
      `/meetings/${published.id}/attendance`,
      `Bearer ${members.emma!.token}`,
      { answer: 'not_going' },
    );
    expect(answered.status).toBe(200);
    // The node that scheduled it stops; the reminder falls due; another node starts.
    if (nodeB) {
      await nodeB.close();
      nodeB = undefined;
    }
    await dueNow(key);
    if (nodeA.databaseUrl && testRedisUrl) {
      later.push(
        await startTestApp({
          databaseUrl: nodeA.databaseUrl,
          secrets: nodeA.secrets,
          env: { CACHE_KEY_PREFIX: nodeA.config.cache.keyPrefix },
        }),
      );
    }
    await vi.waitFor(async () => expect(await noticesOf('anna', 'meeting.soon')).toBe(1), {
      timeout: 5000,
    });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // several polls of both nodes
    expect(await jobOf(key)).toBeUndefined();
    const reminded = async (name: string) =>
      (await mailsTo(nodeA.url, members[name]!.email)).filter((mail) =>
        mail.subject.includes('Собрание с напоминанием» кооператива'),
      ).length;
    expect(await reminded('anna')).toBe(1);
    expect(await noticesOf('emma', 'meeting.soon')).toBe(0);
    expect(await reminded('emma')).toBe(0);
    expect(await noticesOf('boris', 'meeting.soon')).toBe(0);
    // A node died after sending and before deleting the job: the job runs again.
    await nodeA.app.get(JobQueue).enqueue('meeting.soon', { meetingId: published.id });
    await nodeA.app.get(JobQueue).drain();
    expect(await noticesOf('anna', 'meeting.soon')).toBe(1);
    expect(await reminded('anna')).toBe(1);
  });
});

describe('payment requests, balances and closed accounts notify their member', () => {
  const request = (due_date: string) => ({
    username: 'annavoskhodn',
    kind: 'membership_fee',
    amount: { amount: 50_000, currency: 'RUB' },
    due_date,
    purpose: 'Членский взнос',
  });
  const requestId = async (externalId: string) =>
    (
      await rows<{ id: string }>(
        sql`select id from payment_requests where external_id = ${externalId}`,
      )
    )[0]!.id;

  it('a request notifies once, schedules its reminder at 09:00 Moscow three days before, moves it with the due date', async () => {
    expect(
      (await call(nodeA, 'PUT', '/coop/payment-details', coops.voskhod!, PAYMENT_DETAILS)).status,
    ).toBe(204);
    for (let i = 0; i < 2; i += 1) {
      const issued = await call(
        nodeA,
        'PUT',
        '/coop/payment-requests/fee-1',
        coops.voskhod!,
        request('2099-03-10'),
      );
      expect(issued.status).toBeLessThan(300);
    }
    expect(await noticesOf('anna', 'contribution.requested')).toBe(1);
    const key = `contribution:${await requestId('fee-1')}:due-3d`;
    expect(new Date((await jobOf(key))!.run_at)).toEqual(new Date('2099-03-07T06:00:00Z'));
    expect(dueSoonAt('2099-03-10')).toEqual(new Date('2099-03-07T06:00:00Z'));
    await call(nodeA, 'PUT', '/coop/payment-requests/fee-1', coops.voskhod!, request('2099-04-01'));
    expect(new Date((await jobOf(key))!.run_at)).toEqual(new Date('2099-03-29T06:00:00Z'));
    expect(await noticesOf('anna', 'contribution.requested')).toBe(1);
  });

  it('the due-soon reminder fires once, even run again', async () => {
    const key = `contribution:${await requestId('fee-1')}:due-3d`;
    await dueNow(key);
    const jobs = nodeA.app.get(JobQueue);
    await jobs.drain();
    await jobs.enqueue('contribution.due_soon', { requestId: await requestId('fee-1') });
    await jobs.drain();
    expect(await noticesOf('anna', 'contribution.due_soon')).toBe(1);
  });

  it('a confirmation notifies once and drops the reminder; a cancellation drops it too', async () => {
    await call(nodeA, 'PUT', '/coop/payment-requests/fee-2', coops.voskhod!, request('2099-05-01'));
    const key = `contribution:${await requestId('fee-2')}:due-3d`;
    expect(await jobOf(key)).toBeDefined();
    const payment = {
      payment_id: 'pay-n1',
      paid_at: '2026-12-01T10:00:00.000+03:00',
      amount: { amount: 50_000, currency: 'RUB' },
    };
    for (let i = 0; i < 2; i += 1) {
      const paid = await call(
        nodeA,
        'POST',
        '/coop/payment-requests/fee-2/confirm',
        coops.voskhod!,
        payment,
      );
      expect(paid.status).toBe(200);
    }
    expect(await noticesOf('anna', 'contribution.confirmed')).toBe(1);
    expect(await jobOf(key)).toBeUndefined();
    await call(nodeA, 'PUT', '/coop/payment-requests/fee-3', coops.voskhod!, request('2099-06-01'));
    const cancelledKey = `contribution:${await requestId('fee-3')}:due-3d`;
    expect(await jobOf(cancelledKey)).toBeDefined();
    expect(
      (await call(nodeA, 'DELETE', '/coop/payment-requests/fee-3', coops.voskhod!)).status,
    ).toBe(204);
    expect(await jobOf(cancelledKey)).toBeUndefined();
  });

  it('a balance push notifies once per change', async () => {
    const balances = (amount: number) => ({
      as_of: '2026-12-01T12:00:00+03:00',
      funds: [{ fund: 'share_contribution', amount, currency: 'RUB' }],
    });
    const push = (amount: number) =>
      call(nodeA, 'PUT', '/coop/members/annavoskhodn/balances', coops.voskhod!, balances(amount));
    expect((await push(100_000)).status).toBe(204);
    expect((await push(100_000)).status).toBe(204);
    expect(await noticesOf('anna', 'balance.changed')).toBe(1);
    expect((await push(200_000)).status).toBe(204);
    expect(await noticesOf('anna', 'balance.changed')).toBe(2);
  });

  it('closing an account notifies grant.revoked like a revocation', async () => {
    const closed = await post(
      nodeA.url,
      '/api/v1/card/close-account',
      { coopname: 'othercoop' },
      members.dmitri!.token,
    );
    expect(closed.status).toBe(204);
    expect(await noticesOf('dmitri', 'grant.revoked')).toBe(1);
  });
});
