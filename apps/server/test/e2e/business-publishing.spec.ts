import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  coopAttendanceSchema,
  coopMeetingListSchema,
  paymentDetailsSchema,
  paymentRequestListSchema,
} from '@cardcoop/contracts';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import { grantRole, sharingCooperative } from '../support/business-scene.js';
import { addAccount, call, PAYMENT_DETAILS } from '../support/coop-fixture.js';
import { registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;
let voskhod: string;
const people: Record<string, { token: string; userId: string }> = {};
const bearer = (name: string) => `Bearer ${people[name]!.token}`;
const base = '/business/cooperatives/voskhod';
const meeting = (title: string, day: number) => ({
  kind: 'general_meeting',
  title,
  starts_at: `2099-03-${String(day).padStart(2, '0')}T10:00:00+03:00`,
  ends_at: `2099-03-${String(day).padStart(2, '0')}T12:00:00+03:00`,
  time_zone: 'Europe/Moscow',
  place: 'Москва, ул. Ленина, 1',
});
const request = (purpose: string) => ({
  username: 'pubalphazzzz',
  kind: 'membership_fee',
  amount: { amount: 50_000, currency: 'RUB' },
  due_date: '2099-01-31',
  purpose,
});

async function person(name: string) {
  const email = `${name}@publishing.example`;
  const { tokens, userId } = await registerRaw(server.url, email, `${email} password`);
  people[name] = { token: tokens.access_token, userId };
}

const database = () => server.app.get<Database>(DATABASE).primary;
/** The events of the member's own chain, of one type. */
const eventsOf = async (name: string, type: string) =>
  (await server.app.get(AuditService).page(people[name]!.userId, { limit: 1000 })).events.filter(
    (event) => event.type === type,
  );

async function ok(
  method: 'GET' | 'PUT' | 'POST' | 'DELETE',
  path: string,
  as: string,
  body?: unknown,
) {
  const response = await call(server, method, path, bearer(as), body);
  expect(response.status, `${method} ${path} as ${as}`).toBeLessThan(300);
  return response.body;
}

beforeAll(async () => {
  server = await startTestApp();
  voskhod = await sharingCooperative(server, 'voskhod', 'open');
  await sharingCooperative(server, 'zarya', 'open');
  for (const name of ['owner', 'admin', 'viewer', 'outsider', 'zaryaowner', 'alpha'])
    await person(name);
  await grantRole(server, 'voskhod', people.owner!.userId, 'owner');
  await grantRole(server, 'voskhod', people.admin!.userId, 'admin');
  await grantRole(server, 'voskhod', people.viewer!.userId, 'viewer');
  await grantRole(server, 'zarya', people.zaryaowner!.userId, 'owner');
  await addAccount(server, people.alpha!.token, { coopname: 'voskhod', username: 'pubalphazzzz' });
});
afterAll(() => server.close());

describe('what the business panel publishes by hand, as its staff read it', () => {
  it('lists the meetings to a viewer a page at a time, as the cooperative API does', async () => {
    await ok('PUT', `${base}/meetings/gm-one`, 'owner', meeting('Первое собрание', 1));
    await ok('PUT', `${base}/meetings/gm-two`, 'admin', meeting('Второе собрание', 2));
    expect(
      (await call(server, 'PUT', '/coop/meetings/gm-three', voskhod, meeting('Третье', 3))).status,
    ).toBe(200);
    await ok('DELETE', `${base}/meetings/gm-one`, 'admin');

    const first = coopMeetingListSchema.parse(
      await ok('GET', `${base}/meetings?limit=2`, 'viewer'),
    );
    expect(first.meetings.map((m) => m.external_id)).toEqual(['gm-three', 'gm-two']);
    expect(first.next).not.toBeNull();
    const second = coopMeetingListSchema.parse(
      await ok(
        'GET',
        `${base}/meetings?limit=2&after=${encodeURIComponent(first.next!)}`,
        'viewer',
      ),
    );
    expect(second.meetings.map((m) => [m.external_id, m.cancelled_at !== null])).toEqual([
      ['gm-one', true],
    ]);
    expect(second.next).toBeNull();
    // The same answer as the cooperative's own API, byte for byte.
    const coop = await call(server, 'GET', '/coop/meetings?limit=2', voskhod);
    expect(first).toEqual(coop.body);

    const attendance = coopAttendanceSchema.parse(
      await ok('GET', `${base}/meetings/gm-two/attendance`, 'viewer'),
    );
    expect(attendance).toEqual({ counts: { going: 0, not_going: 0, maybe: 0 }, answers: [] });
    const missing = await call(
      server,
      'GET',
      `${base}/meetings/gm-none/attendance`,
      bearer('viewer'),
    );
    expect(missing.status).toBe(404);
    const badQuery = await call(server, 'GET', `${base}/meetings?limit=0`, bearer('viewer'));
    expect(badQuery.status).toBe(422);
  });

  it('refuses every change to a viewer, and the reads to those without a role here', async () => {
    const writes = [
      ['PUT', `${base}/meetings/gm-viewer`, meeting('Нельзя', 4)],
      ['DELETE', `${base}/meetings/gm-two`, undefined],
      ['PUT', `${base}/payment-requests/pr-viewer`, request('Нельзя')],
      ['DELETE', `${base}/payment-requests/pr-viewer`, undefined],
      [
        'POST',
        `${base}/payment-requests/pr-viewer/confirm`,
        { payment_id: 'p', paid_at: '2026-12-01T10:00:00Z', amount: request('').amount },
      ],
      ['PUT', `${base}/payment-details`, PAYMENT_DETAILS],
    ] as const;
    for (const [method, path, body] of writes) {
      const response = await call(server, method, path, bearer('viewer'), body);
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    for (const name of ['outsider', 'zaryaowner']) {
      for (const path of [
        'meetings',
        'meetings/gm-two/attendance',
        'payment-requests',
        'payment-details',
      ]) {
        const response = await call(server, 'GET', `${base}/${path}`, bearer(name));
        expect(response.status, `${name} ${path}`).toBe(403);
      }
    }
    const meetings = coopMeetingListSchema.parse(await ok('GET', `${base}/meetings`, 'viewer'));
    expect(meetings.meetings.map((m) => m.external_id)).not.toContain('gm-viewer');
    expect(meetings.meetings.find((m) => m.external_id === 'gm-two')?.cancelled_at).toBeNull();
    const details = await call(server, 'GET', `${base}/payment-details`, bearer('viewer'));
    expect(details.status).toBe(404);
  });

  it('sets the payment details by hand and reads them back; checks them as the API does', async () => {
    const wrong = await call(server, 'PUT', `${base}/payment-details`, bearer('admin'), {
      ...PAYMENT_DETAILS,
      inn: '7707083890',
    });
    expect(wrong.status).toBe(422);
    expect((await call(server, 'GET', `${base}/payment-details`, bearer('viewer'))).status).toBe(
      404,
    );

    expect(await ok('PUT', `${base}/payment-details`, 'admin', PAYMENT_DETAILS)).toBeUndefined();
    expect(
      paymentDetailsSchema.parse(await ok('GET', `${base}/payment-details`, 'viewer')),
    ).toEqual(PAYMENT_DETAILS);
    const changed = { ...PAYMENT_DETAILS, bank_name: 'ПАО Сбербанк, Московский банк' };
    await ok('PUT', `${base}/payment-details`, 'owner', changed);
    expect(await ok('GET', `${base}/payment-details`, 'admin')).toEqual(changed);
    expect(await eventsOf('admin', 'staff.payment_details.set')).toHaveLength(1);
    expect((await eventsOf('owner', 'staff.payment_details.set'))[0]?.data).toEqual({
      coopname: 'voskhod',
    });
  });

  it('lists the payment requests to a viewer with the API’s filters and pages', async () => {
    await ok('PUT', `${base}/payment-requests/pr-a`, 'owner', request('Взнос А'));
    await ok('PUT', `${base}/payment-requests/pr-b`, 'admin', request('Взнос Б'));
    expect(
      (await call(server, 'PUT', '/coop/payment-requests/pr-c', voskhod, request('Взнос В')))
        .status,
    ).toBe(200);
    await ok('DELETE', `${base}/payment-requests/pr-b`, 'owner');

    const first = paymentRequestListSchema.parse(
      await ok('GET', `${base}/payment-requests?limit=2`, 'viewer'),
    );
    expect(first.payment_requests.map((r) => [r.external_id, r.status])).toEqual([
      ['pr-a', 'requested'],
      ['pr-b', 'cancelled'],
    ]);
    const second = paymentRequestListSchema.parse(
      await ok(
        'GET',
        `${base}/payment-requests?limit=2&after=${encodeURIComponent(first.next!)}`,
        'viewer',
      ),
    );
    expect(second).toMatchObject({ payment_requests: [{ external_id: 'pr-c' }], next: null });
    const requested = paymentRequestListSchema.parse(
      await ok('GET', `${base}/payment-requests?status=requested&username=pubalphazzzz`, 'viewer'),
    );
    expect(requested.payment_requests.map((r) => r.external_id)).toEqual(['pr-a', 'pr-c']);
    const coop = await call(server, 'GET', '/coop/payment-requests?status=requested', voskhod);
    expect(requested).toEqual(coop.body);
  });
});

describe('the staff member’s audit event commits with the change, or not at all', () => {
  it('records exactly one event in the acting member’s chain per change, none for no change', async () => {
    const before = await eventsOf('owner', 'staff.meeting.published');
    await ok('PUT', `${base}/meetings/gm-once`, 'owner', meeting('Однажды', 5));
    await ok('PUT', `${base}/meetings/gm-once`, 'owner', meeting('Однажды', 5));
    const after = await eventsOf('owner', 'staff.meeting.published');
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]!.data).toEqual({ coopname: 'voskhod', external_id: 'gm-once' });
    expect(await eventsOf('admin', 'staff.meeting.published')).toHaveLength(1); // gm-two only

    const paid = await ok('POST', `${base}/payment-requests/pr-a/confirm`, 'admin', {
      payment_id: 'pay-a',
      paid_at: '2026-12-01T10:00:00.000+03:00',
      amount: request('').amount,
    });
    expect(paid).toMatchObject({ status: 'paid' });
    expect(await eventsOf('admin', 'staff.payment.confirmed')).toHaveLength(1);
    expect(await server.app.get(AuditService).verifyChain(people.admin!.userId)).toBe(true);
    expect(await server.app.get(AuditService).verifyChain(people.owner!.userId)).toBe(true);
  });

  it('leaves neither the meeting nor the event when the change fails at commit', async () => {
    // The meeting `gm-fail` is refused when its transaction commits: after the event was written.
    await database().execute(sql`
      create function test_refuse() returns trigger language plpgsql as $$
      begin raise exception 'refused by the test'; end $$`);
    await database().execute(sql`
      create constraint trigger test_meetings_refuse after insert or update on meetings
      deferrable initially deferred for each row when (new.external_id = 'gm-fail')
      execute function test_refuse()`);
    const before = await eventsOf('owner', 'staff.meeting.published');
    const failed = await call(
      server,
      'PUT',
      `${base}/meetings/gm-fail`,
      bearer('owner'),
      meeting('Сбой', 6),
    );
    expect(failed.status).toBe(500);
    expect(await eventsOf('owner', 'staff.meeting.published')).toEqual(before);
    const listed = coopMeetingListSchema.parse(
      await ok('GET', `${base}/meetings?limit=100`, 'viewer'),
    );
    expect(listed.meetings.map((m) => m.external_id)).not.toContain('gm-fail');
    await database().execute(sql`drop trigger test_meetings_refuse on meetings`);

    // And the other way: an event that cannot be written takes the change down with it.
    await database().execute(sql`
      create trigger test_audit_refuse before insert on audit_events for each row
      when (new.type in ('staff.payment_details.set', 'staff.payment_request.cancelled'))
      execute function test_refuse()`);
    const refused = await call(
      server,
      'PUT',
      `${base}/payment-details`,
      bearer('owner'),
      PAYMENT_DETAILS,
    );
    expect(refused.status).toBe(500);
    expect(await ok('GET', `${base}/payment-details`, 'viewer')).toMatchObject({
      bank_name: 'ПАО Сбербанк, Московский банк',
    });
    const cancel = await call(server, 'DELETE', `${base}/payment-requests/pr-c`, bearer('owner'));
    expect(cancel.status).toBe(500);
    const requests = paymentRequestListSchema.parse(
      await ok('GET', `${base}/payment-requests`, 'viewer'),
    );
    expect(requests.payment_requests.find((r) => r.external_id === 'pr-c')?.status).toBe(
      'requested',
    );
    // The cooperative API's own calls carry no staff event: they are not refused.
    expect(
      (await call(server, 'PUT', '/coop/payment-details', voskhod, PAYMENT_DETAILS)).status,
    ).toBe(204);
    expect((await call(server, 'DELETE', '/coop/payment-requests/pr-c', voskhod)).status).toBe(204);
    await database().execute(sql`drop trigger test_audit_refuse on audit_events`);
    await database().execute(sql`drop function test_refuse()`);
    expect(await server.app.get(AuditService).verifyChain(people.owner!.userId)).toBe(true);
    expect(await eventsOf('owner', 'staff.payment_request.cancelled')).toHaveLength(1); // pr-b
  });
});
