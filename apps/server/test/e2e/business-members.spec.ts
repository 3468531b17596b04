import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLogSchema,
  businessMemberListSchema,
  cardAccountListSchema,
  contributionListSchema,
  coopMeetingSchema,
  meetingListSchema,
  paymentRequestSchema,
} from '@cardcoop/contracts';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { BusinessMembersRepository } from '../../src/modules/business-members/business-members.repository.js';
import { grantRole, shareAndRead, sharingCooperative } from '../support/business-scene.js';
import { planOf } from '../support/query-plan.js';
import { addAccount, call, PAYMENT_DETAILS } from '../support/coop-fixture.js';
import { registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;
let voskhod: string;
const people: Record<string, { token: string; userId: string }> = {};
const bearer = (name: string) => `Bearer ${people[name]!.token}`;
const base = '/business/cooperatives/voskhod';
const MEETING = {
  kind: 'general_meeting',
  title: 'Общее собрание пайщиков',
  starts_at: '2099-03-01T10:00:00+03:00',
  ends_at: '2099-03-01T12:00:00+03:00',
  time_zone: 'Europe/Moscow',
  place: 'Москва, ул. Ленина, 1',
};

async function person(name: string) {
  const email = `${name}@members.example`;
  const { tokens, userId } = await registerRaw(server.url, email, `${email} password`);
  people[name] = { token: tokens.access_token, userId };
}

/** A member with an account `username` in voskhod who shares with it (confirmed first or not). */
async function sharer(name: string, username: string, confirmed: boolean) {
  await person(name);
  await addAccount(server, people[name]!.token, { coopname: 'voskhod', username });
  if (confirmed) {
    expect((await call(server, 'PUT', `/coop/memberships/${username}`, voskhod)).status).toBe(204);
  }
  await shareAndRead(server, voskhod, people[name]!.token, 'voskhod');
}

async function listed(query: string, as = 'owner') {
  const response = await call(server, 'GET', `${base}/members?${query}`, bearer(as));
  expect(response.status).toBe(200);
  return businessMemberListSchema.parse(response.body);
}

async function membershipOf(name: string) {
  const response = await call(server, 'GET', '/card/accounts', bearer(name));
  return cardAccountListSchema.parse(response.body).accounts.find((a) => a.coopname === 'voskhod')
    ?.membership;
}

beforeAll(async () => {
  server = await startTestApp();
  voskhod = await sharingCooperative(server, 'voskhod', 'open');
  const zarya = await sharingCooperative(server, 'zarya', 'open');
  for (const name of ['owner', 'admin', 'viewer', 'outsider', 'zaryaowner']) await person(name);
  await grantRole(server, 'voskhod', people.owner!.userId, 'owner');
  await grantRole(server, 'voskhod', people.admin!.userId, 'admin');
  await grantRole(server, 'voskhod', people.viewer!.userId, 'viewer');
  await grantRole(server, 'zarya', people.zaryaowner!.userId, 'owner');
  await sharer('alpha', 'membalphazzz', true);
  await sharer('bravo', 'membbravozzz', false);
  await sharer('charlie', 'membcharliez', true);
  // An account that never shared, and another cooperative's sharer: neither is listed.
  await person('delta');
  await addAccount(server, people.delta!.token, { coopname: 'voskhod', username: 'membdeltazzz' });
  await person('echo');
  await addAccount(server, people.echo!.token, { coopname: 'zarya', username: 'membechozzzz' });
  await shareAndRead(server, zarya, people.echo!.token, 'zarya');
});
afterAll(() => server.close());

describe('the business panel members', () => {
  it('lists who shared, by username a page at a time, with names and dates but no values', async () => {
    const first = await listed('limit=2', 'viewer');
    expect(first.members.map((m) => [m.username, m.membership])).toEqual([
      ['membalphazzz', 'confirmed'],
      ['membbravozzz', 'applicant'],
    ]);
    expect(first.members[0]).toMatchObject({
      account_status: 'open',
      fields: ['first_name'],
      read_count: 1,
      revoked_at: null,
    });
    expect(Date.parse(first.members[0]!.last_read_at!)).toBeGreaterThanOrEqual(
      Date.parse(first.members[0]!.granted_at),
    );
    expect(JSON.stringify(first)).not.toMatch(/envelope|sealed|"ct"/);
    expect(first.next).toBe('membbravozzz');
    const second = await listed(`limit=2&cursor=${first.next}`);
    expect(second.members.map((m) => m.username)).toEqual(['membcharliez']);
    expect(second.next).toBeNull();
    expect((await listed('status=applicant')).members.map((m) => m.username)).toEqual([
      'membbravozzz',
    ]);
  });

  it('confirms and ends memberships, as the member then sees them, audited with the actor', async () => {
    expect(await membershipOf('bravo')).toBe('applicant');
    const confirm = await call(
      server,
      'PUT',
      `${base}/members/membbravozzz/membership`,
      bearer('admin'),
    );
    expect(confirm.status).toBe(204);
    expect(await membershipOf('bravo')).toBe('confirmed');
    const audit = auditLogSchema.parse((await call(server, 'GET', '/audit', bearer('bravo'))).body);
    expect(audit.events.find((e) => e.type === 'membership.confirmed')?.data).toEqual({
      coopname: 'voskhod',
      username: 'membbravozzz',
      actor: people.admin!.userId,
    });

    const end = await call(
      server,
      'DELETE',
      `${base}/members/membcharliez/membership`,
      bearer('owner'),
    );
    expect(end.status).toBe(204);
    expect(await membershipOf('charlie')).not.toBe('confirmed');
    expect((await listed('status=ended')).members.map((m) => m.username)).toEqual(['membcharliez']);
    expect((await listed('status=confirmed')).members.map((m) => m.username)).toEqual([
      'membalphazzz',
      'membbravozzz',
    ]);
  });

  it('refuses changes to a viewer, a member without a role and another cooperative’s owner', async () => {
    for (const name of ['viewer', 'outsider', 'zaryaowner']) {
      for (const method of ['PUT', 'DELETE'] as const) {
        const response = await call(
          server,
          method,
          `${base}/members/membalphazzz/membership`,
          bearer(name),
        );
        expect(response.status, `${name} ${method}`).toBe(403);
      }
      const meeting = await call(
        server,
        'PUT',
        `${base}/meetings/gm-denied`,
        bearer(name),
        MEETING,
      );
      expect(meeting.status).toBe(403);
    }
    for (const name of ['outsider', 'zaryaowner']) {
      expect((await call(server, 'GET', `${base}/members`, bearer(name))).status).toBe(403);
    }
    expect(await membershipOf('alpha')).toBe('confirmed');
  });

  it('publishes a meeting by hand that confirmed members see, and cancels it', async () => {
    const published = await call(
      server,
      'PUT',
      `${base}/meetings/gm-2099`,
      bearer('owner'),
      MEETING,
    );
    expect(published.status).toBe(200);
    expect(coopMeetingSchema.parse(published.body)).toMatchObject({
      external_id: 'gm-2099',
      title: MEETING.title,
    });
    // The cooperative's own API sees the same meeting under the same id.
    const coopList = await call(server, 'GET', '/coop/meetings', voskhod);
    expect(JSON.stringify(coopList.body)).toContain('gm-2099');
    const seen = async (name: string) =>
      meetingListSchema.parse((await call(server, 'GET', '/meetings', bearer(name))).body).meetings;
    expect((await seen('alpha')).map((m) => m.title)).toEqual([MEETING.title]);
    expect(await seen('charlie')).toEqual([]);
    const ownAudit = auditLogSchema.parse(
      (await call(server, 'GET', '/audit', bearer('owner'))).body,
    );
    expect(ownAudit.events.find((e) => e.type === 'staff.meeting.published')?.data).toEqual({
      coopname: 'voskhod',
      external_id: 'gm-2099',
    });

    const cancelled = await call(server, 'DELETE', `${base}/meetings/gm-2099`, bearer('admin'));
    expect(cancelled.status).toBe(204);
    expect((await seen('alpha'))[0]?.cancelled_at).not.toBeNull();
  });

  it('issues and confirms a payment request by hand, as the cooperative API would', async () => {
    const request = {
      username: 'membalphazzz',
      kind: 'share_contribution',
      amount: { amount: 150_000, currency: 'RUB' },
      due_date: '2099-01-31',
      purpose: 'Паевой взнос, требование 1',
    };
    const early = await call(
      server,
      'PUT',
      `${base}/payment-requests/pr-1`,
      bearer('owner'),
      request,
    );
    expect(early.status).toBe(409);
    expect(
      (await call(server, 'PUT', '/coop/payment-details', voskhod, PAYMENT_DETAILS)).status,
    ).toBe(204);
    const issued = await call(
      server,
      'PUT',
      `${base}/payment-requests/pr-1`,
      bearer('owner'),
      request,
    );
    expect(issued.status).toBe(200);
    expect(paymentRequestSchema.parse(issued.body)).toMatchObject({
      external_id: 'pr-1',
      status: 'requested',
    });
    const mine = contributionListSchema.parse(
      (await call(server, 'GET', '/contributions', bearer('alpha'))).body,
    );
    expect(mine.contributions.map((c) => c.purpose)).toEqual([request.purpose]);

    const payment = {
      payment_id: 'pay-1',
      paid_at: '2026-12-01T10:00:00.000+03:00',
      amount: request.amount,
    };
    const paid = await call(
      server,
      'POST',
      `${base}/payment-requests/pr-1/confirm`,
      bearer('admin'),
      payment,
    );
    expect(paid.status).toBe(200);
    expect(paymentRequestSchema.parse(paid.body).status).toBe('paid');
    const viewer = await call(server, 'DELETE', `${base}/payment-requests/pr-1`, bearer('viewer'));
    expect(viewer.status).toBe(403);
    const late = await call(server, 'DELETE', `${base}/payment-requests/pr-1`, bearer('owner'));
    expect(late.status).toBe(409);
  });

  it('pages through the cooperative’s grants and audit events by index, never a sequential scan', async () => {
    const repository = server.app.get(BusinessMembersRepository);
    for (const status of [undefined, 'ended'] as const) {
      const query = repository.listQuery('voskhod', { status, cursor: 'membalphazzz', limit: 51 });
      const plan = await planOf(server.app.get<Database>(DATABASE), query);
      expect(plan).not.toMatch(/Seq Scan on (grants|audit_events)/);
      expect(plan).toMatch(/grants_coop_username_idx/);
    }
  });
});
