import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CARD_SCHEMA_ID, dashboardSchema } from '@cardcoop/contracts';
import type { Dashboard, MeetingInput } from '@cardcoop/contracts';
import {
  call,
  memberWithAccounts,
  PAYMENT_DETAILS,
  registerCooperative,
} from '../support/coop-fixture.js';
import { fakeEnvelope, post } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/**
 * `GET /dashboard`: the member's home in one answer. Anna has two accounts, one confirmed; Boris,
 * in the same cooperative, has his own card, contribution, answer and notices, which Anna's home
 * never shows.
 */
let server: TestApp;
let voskhod: string;
let anna: string;
let boris: string;

const YEAR = new Date().getUTCFullYear() + 1;
const MEETING: MeetingInput = {
  kind: 'general_meeting',
  title: 'Общее собрание пайщиков',
  agenda: [],
  documents: [],
  starts_at: `${YEAR}-03-10T18:30:00+03:00`,
  ends_at: `${YEAR}-03-10T20:00:00+03:00`,
  time_zone: 'Europe/Moscow',
  place: 'Москва, ул. Тверская, 1',
};
const request = (username: string, due_date: string) => ({
  username,
  kind: 'share_contribution',
  amount: { amount: 150_000, currency: 'RUB' },
  due_date,
  purpose: `Паевой взнос до ${due_date}`,
});
const FUNDS = [{ fund: 'share_contribution', amount: 500_000, currency: 'RUB' }];

const coop = (method: 'PUT' | 'POST', path: string, body?: unknown) =>
  call(server, method, path, voskhod, body);
const dashboardOf = async (token: string): Promise<Dashboard> => {
  const answer = await call(server, 'GET', '/dashboard', `Bearer ${token}`);
  expect(answer.status).toBe(200);
  return dashboardSchema.parse(answer.body);
};
const issueCard = async (token: string) => {
  const meta = { version: 1, schema: CARD_SCHEMA_ID, kind: 'individual' };
  const body = { card: fakeEnvelope(token.slice(-8)), meta };
  expect((await post(server.url, '/api/v1/card/issue', body, token)).status).toBe(201);
};

beforeAll(async () => {
  server = await startTestApp();
  voskhod = await registerCooperative(server, 'voskhod', 'ПК ВОСХОД');
  await registerCooperative(server, 'zarya', 'ПК Заря');
  anna = await memberWithAccounts(server, 'anna@dashboard.example', [
    { coopname: 'voskhod', username: 'annavoskhodd' },
    { coopname: 'zarya', username: 'annazaryaddd' },
  ]);
  boris = await memberWithAccounts(server, 'boris@dashboard.example', [
    { coopname: 'voskhod', username: 'borisvoskhod' },
  ]);
  for (const username of ['annavoskhodd', 'borisvoskhod']) {
    expect((await coop('PUT', `/coop/memberships/${username}`)).status).toBe(204);
  }
});
afterAll(() => server.close());

describe('GET /dashboard', () => {
  it('is empty but complete for a member with accounts and nothing else yet', async () => {
    expect(await dashboardOf(anna)).toEqual({
      card: null,
      accounts: [
        expect.objectContaining({
          coopname: 'voskhod',
          username: 'annavoskhodd',
          membership: 'confirmed',
          display_name: 'ПК ВОСХОД',
          closed_at: null,
        }),
        expect.objectContaining({
          coopname: 'zarya',
          username: 'annazaryaddd',
          membership: 'applicant',
          display_name: null,
        }),
      ],
      balances: [
        {
          coopname: 'voskhod',
          display_name: 'ПК ВОСХОД',
          username: 'annavoskhodd',
          as_of: null,
          funds: [],
        },
      ],
      next_meeting: null,
      contributions: { unpaid: 0, nearest: [] },
      // The notice of the confirmed membership may be on its way: checked below.
      notifications: expect.any(Object),
      reads: [],
    });
  });

  it("shows the member's card, balances, next meeting with their answer, contributions, notices", async () => {
    await issueCard(anna);
    await issueCard(boris);
    expect(
      (
        await coop('PUT', '/coop/members/annavoskhodd/balances', {
          as_of: '2026-12-01T12:00:00+03:00',
          funds: FUNDS,
        })
      ).status,
    ).toBe(204);
    expect((await coop('PUT', '/coop/meetings/annual', MEETING)).status).toBe(200);
    expect((await coop('PUT', '/coop/payment-details', PAYMENT_DETAILS)).status).toBe(204);
    // One overdue (due in 2020): it counts and comes first.
    const due = ['2099-01-31', '2020-06-30', '2099-12-31', '2099-03-01'];
    for (const [i, date] of due.entries()) {
      expect(
        (await coop('PUT', `/coop/payment-requests/anna-${i}`, request('annavoskhodd', date)))
          .status,
      ).toBe(200);
    }
    expect(
      (await coop('PUT', '/coop/payment-requests/boris-1', request('borisvoskhod', '2090-01-01')))
        .status,
    ).toBe(200);
    const { next_meeting } = await dashboardOf(anna);
    expect(
      (
        await call(server, 'PUT', `/meetings/${next_meeting!.id}/attendance`, `Bearer ${boris}`, {
          answer: 'not_going',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(server, 'PUT', `/meetings/${next_meeting!.id}/attendance`, `Bearer ${anna}`, {
          answer: 'going',
        })
      ).status,
    ).toBe(200);

    // The notices are written right after the cooperative's calls; wait for all of them.
    const home = await vi.waitFor(
      async () => {
        const current = await dashboardOf(anna);
        expect(current.notifications.unread).toBeGreaterThanOrEqual(6);
        return current;
      },
      { timeout: 5000, interval: 100 },
    );
    expect(home.card).toEqual({
      kind: 'individual',
      revision: 1,
      change: 'issued',
      updated_at: expect.any(String),
    });
    expect(home.balances).toEqual([expect.objectContaining({ coopname: 'voskhod', funds: FUNDS })]);
    expect(home.next_meeting).toMatchObject({
      title: MEETING.title,
      display_name: 'ПК ВОСХОД',
      my_attendance: 'going',
      attendance: { going: 1, not_going: 1, maybe: 0 },
    });
    expect(home.contributions.unpaid).toBe(4);
    expect(home.contributions.nearest.map((c) => [c.due_date, c.status])).toEqual([
      ['2020-06-30', 'overdue'],
      ['2099-01-31', 'requested'],
      ['2099-03-01', 'requested'],
    ]);
    expect(home.notifications.latest).toHaveLength(5);
    const times = home.notifications.latest.map((notice) => notice.created_at);
    expect(times).toEqual([...times].sort().reverse());
    expect(home.reads).toEqual([]);
  });

  it("never shows another member's data", async () => {
    const annaHome = JSON.stringify(await dashboardOf(anna));
    expect(annaHome).not.toContain('borisvoskhod');
    expect(annaHome).not.toContain('2090-01-01');
    const borisHome = await dashboardOf(boris);
    expect(JSON.stringify(borisHome)).not.toMatch(/annavoskhodd|annazaryaddd/);
    expect(borisHome.contributions).toMatchObject({ unpaid: 1 });
    expect(borisHome.next_meeting).toMatchObject({ my_attendance: 'not_going' });
    expect(borisHome.balances).toEqual([expect.objectContaining({ funds: [] })]);
  });

  it('leaves out the card content and the account keys', async () => {
    const home = JSON.stringify(await dashboardOf(anna));
    expect(home).not.toMatch(/"(envelope|card_id|ct|iv|public_key|encrypted_private_key)"/);
  });

  it('refuses a request without a valid member token (401)', async () => {
    expect((await call(server, 'GET', '/dashboard', '')).status).toBe(401);
    expect((await call(server, 'GET', '/dashboard', 'Bearer not-a-token')).status).toBe(401);
    expect((await call(server, 'GET', '/dashboard', voskhod)).status).toBe(401);
  });

  it('is documented in OpenAPI with its schema and the member bearer', async () => {
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { security?: unknown[]; responses: object }>>;
    };
    const operation = document.paths['/api/v1/dashboard']?.get;
    expect(operation?.security).toEqual([{ bearer: [] }]);
    expect(JSON.stringify(operation?.responses)).toContain('#/components/schemas/DashboardDto');
  });
});
