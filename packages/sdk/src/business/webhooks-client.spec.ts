import { describe, expect, it } from 'vitest';
import { grantRole } from '../../../../apps/server/test/support/business-scene.js';
import { registerCooperative } from '../../../../apps/server/test/support/coop-fixture.js';
import { errorCode } from '../testing/member-fixture.js';
import { memberEachTest } from '../testing/member-scene.js';
import { createBusinessClient } from './business-client.js';

const scene = memberEachTest();
// An address literal: public, and no name to resolve in the test.
const URL_A = 'https://8.8.8.8/hooks/cardcoop';

describe('business.webhooks', () => {
  it('manages a cooperative’s endpoints for its owner; the secret is shown once', async () => {
    await registerCooperative(scene.server, 'sdkhooks', 'ПК Хуки');
    const business = createBusinessClient(scene.member);
    expect(await errorCode(business.webhooks.list('sdkhooks'))).toBe('FORBIDDEN');
    await grantRole(scene.server, 'sdkhooks', scene.fixture.registered.tokens.user_id, 'owner');

    const created = await business.webhooks.create('sdkhooks', {
      url: URL_A,
      events: ['grant.created', 'membership.changed'],
    });
    expect(created).toMatchObject({ url: URL_A, status: 'enabled', disabled_reason: null });
    expect(created.secret).toMatch(/^whsec_/);
    const listed = await business.webhooks.list('sdkhooks');
    expect(listed).toEqual([expect.objectContaining({ id: created.id, url: URL_A })]);
    expect(listed[0]).not.toHaveProperty('secret');

    const off = await business.webhooks.update('sdkhooks', created.id, {
      events: ['payment.confirmed'],
      enabled: false,
    });
    expect(off).toMatchObject({ events: ['payment.confirmed'], status: 'disabled' });
    // A disabled endpoint gets no test event.
    expect(await errorCode(business.webhooks.test('sdkhooks', created.id))).toBe('CONFLICT');
    expect(await business.webhooks.deliveries('sdkhooks', created.id, { limit: 10 })).toEqual({
      deliveries: [],
      next_cursor: null,
    });
    // Rotation hands out a secret: a second factor first.
    expect(await errorCode(business.webhooks.rotateSecret('sdkhooks', created.id))).toBe(
      'STEP_UP_REQUIRED',
    );
    expect(await errorCode(business.webhooks.redeliver('sdkhooks', crypto.randomUUID()))).toBe(
      'NOT_FOUND',
    );
    expect(
      await errorCode(
        business.webhooks.create('sdkhooks', {
          url: 'https://10.0.0.1/x',
          events: ['grant.created'],
        }),
      ),
    ).toBe('WEBHOOK_URL_REFUSED');

    await business.webhooks.remove('sdkhooks', created.id);
    expect(await business.webhooks.list('sdkhooks')).toEqual([]);
  });
});
