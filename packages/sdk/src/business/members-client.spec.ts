import { describe, expect, it } from 'vitest';
import {
  confirmedMember,
  grantRole,
  shareAndRead,
  sharingCooperative,
} from '../../../../apps/server/test/support/business-scene.js';
import { PAYMENT_DETAILS } from '../../../../apps/server/test/support/coop-fixture.js';
import { errorCode } from '../testing/member-fixture.js';
import { memberEachTest } from '../testing/member-scene.js';
import { createBusinessClient } from './business-client.js';

const scene = memberEachTest();

describe('business.members', () => {
  it('lists, confirms and ends memberships; publishes meetings and payment requests', async () => {
    const credentials = await sharingCooperative(scene.server, 'sdkmembers');
    const business = createBusinessClient(scene.member);
    const userId = scene.fixture.registered.tokens.user_id;
    expect(await errorCode(business.members.list('sdkmembers'))).toBe('FORBIDDEN');
    await grantRole(scene.server, 'sdkmembers', userId, 'admin');
    for (const username of ['sdkmemberaaa', 'sdkmemberbbb']) {
      const sharer = await confirmedMember(
        scene.server,
        credentials,
        'sdkmembers',
        `${username}@sdk-members.example`,
        username,
      );
      await shareAndRead(scene.server, credentials, sharer.token, 'sdkmembers');
    }

    const first = await business.members.list('sdkmembers', { limit: 1 });
    expect(first.members.map((m) => [m.username, m.membership])).toEqual([
      ['sdkmemberaaa', 'confirmed'],
    ]);
    const second = await business.members.list('sdkmembers', { limit: 1, cursor: first.next! });
    expect(second).toMatchObject({ members: [{ username: 'sdkmemberbbb' }], next: null });
    await business.members.end('sdkmembers', 'sdkmemberbbb');
    expect((await business.members.list('sdkmembers', { status: 'ended' })).members).toEqual([
      expect.objectContaining({ username: 'sdkmemberbbb', membership: 'ended' }),
    ]);
    await business.members.confirm('sdkmembers', 'sdkmemberbbb');
    expect(
      (await business.members.list('sdkmembers', { status: 'confirmed' })).members,
    ).toHaveLength(2);

    const meeting = await business.members.publishMeeting('sdkmembers', 'gm-1', {
      kind: 'event',
      title: 'Субботник',
      starts_at: '2099-05-01T10:00:00+03:00',
      ends_at: '2099-05-01T12:00:00+03:00',
      time_zone: 'Europe/Moscow',
      place: 'Парк',
    });
    expect(meeting).toMatchObject({ external_id: 'gm-1', title: 'Субботник', cancelled_at: null });
    await business.members.cancelMeeting('sdkmembers', 'gm-1');

    const request = {
      username: 'sdkmemberaaa',
      kind: 'membership_fee' as const,
      amount: { amount: 50_000, currency: 'RUB' as const },
      due_date: '2099-01-31',
      purpose: 'Членский взнос',
    };
    expect(
      await errorCode(business.members.issuePaymentRequest('sdkmembers', 'pr-1', request)),
    ).toBe('COOPERATIVE_NOT_READY');
    const details = await fetch(`${scene.server.url}/api/v1/coop/payment-details`, {
      method: 'PUT',
      headers: { authorization: credentials, 'content-type': 'application/json' },
      body: JSON.stringify(PAYMENT_DETAILS),
    });
    expect(details.status).toBe(204);
    expect(await business.members.issuePaymentRequest('sdkmembers', 'pr-1', request)).toMatchObject(
      {
        external_id: 'pr-1',
        status: 'requested',
      },
    );
    await business.members.cancelPaymentRequest('sdkmembers', 'pr-1');
    await business.members.issuePaymentRequest('sdkmembers', 'pr-2', request);
    const paid = await business.members.confirmPayment('sdkmembers', 'pr-2', {
      payment_id: 'pay-2',
      paid_at: '2026-12-01T10:00:00.000+03:00',
      amount: request.amount,
    });
    expect(paid.status).toBe('paid');
  });

  it('reads the meetings, answers and payment requests published; sets the payment details', async () => {
    const credentials = await sharingCooperative(scene.server, 'sdkpublish');
    const business = createBusinessClient(scene.member);
    const userId = scene.fixture.registered.tokens.user_id;
    expect(await errorCode(business.members.listMeetings('sdkpublish'))).toBe('FORBIDDEN');
    await grantRole(scene.server, 'sdkpublish', userId, 'owner');
    await confirmedMember(
      scene.server,
      credentials,
      'sdkpublish',
      'sdkpubmember@sdk-members.example',
      'sdkpubmembra',
    );

    for (const [id, day] of [
      ['gm-a', '01'],
      ['gm-b', '02'],
    ] as const) {
      await business.members.publishMeeting('sdkpublish', id, {
        kind: 'general_meeting',
        title: `Собрание ${id}`,
        starts_at: `2099-06-${day}T10:00:00+03:00`,
        ends_at: `2099-06-${day}T12:00:00+03:00`,
        time_zone: 'Europe/Moscow',
        place: 'Москва',
      });
    }
    const first = await business.members.listMeetings('sdkpublish', { limit: 1 });
    expect(first.meetings.map((m) => m.external_id)).toEqual(['gm-b']);
    const second = await business.members.listMeetings('sdkpublish', { after: first.next! });
    expect(second).toMatchObject({ meetings: [{ external_id: 'gm-a' }], next: null });
    expect(await business.members.meetingAttendance('sdkpublish', 'gm-a')).toEqual({
      counts: { going: 0, not_going: 0, maybe: 0 },
      answers: [],
    });
    expect(await errorCode(business.members.meetingAttendance('sdkpublish', 'gm-x'))).toBe(
      'NOT_FOUND',
    );

    expect(await business.members.paymentDetails('sdkpublish')).toBeNull();
    expect(
      await errorCode(
        business.members.setPaymentDetails('sdkpublish', { ...PAYMENT_DETAILS, bic: '044525220' }),
      ),
    ).toBe('VALIDATION_FAILED');
    await business.members.setPaymentDetails('sdkpublish', PAYMENT_DETAILS);
    expect(await business.members.paymentDetails('sdkpublish')).toEqual(PAYMENT_DETAILS);
    expect(await business.members.listPaymentRequests('sdkpublish')).toEqual({
      payment_requests: [],
      next: null,
    });
    for (const id of ['pr-a', 'pr-b']) {
      await business.members.issuePaymentRequest('sdkpublish', id, {
        username: 'sdkpubmembra',
        kind: 'share_contribution',
        amount: { amount: 10_000, currency: 'RUB' },
        due_date: '2099-02-01',
        purpose: `Паевой взнос ${id}`,
      });
    }
    await business.members.cancelPaymentRequest('sdkpublish', 'pr-a');
    const requested = await business.members.listPaymentRequests('sdkpublish', {
      status: 'requested',
    });
    expect(requested.payment_requests.map((r) => r.external_id)).toEqual(['pr-b']);
    const page = await business.members.listPaymentRequests('sdkpublish', { limit: 1 });
    expect(page.payment_requests.map((r) => r.external_id)).toEqual(['pr-a']);
    expect(
      (await business.members.listPaymentRequests('sdkpublish', { after: page.next! }))
        .payment_requests,
    ).toEqual([expect.objectContaining({ external_id: 'pr-b', status: 'requested' })]);
  });
});
