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
});
