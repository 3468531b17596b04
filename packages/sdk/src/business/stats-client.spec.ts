import { describe, expect, it } from 'vitest';
import {
  confirmedMember,
  grantRole,
  openConnect,
  shareAndRead,
  sharingCooperative,
} from '../../../../apps/server/test/support/business-scene.js';
import { login } from '../auth/login.js';
import { HttpClient } from '../http.js';
import { errorCode } from '../testing/member-fixture.js';
import { memberEachTest } from '../testing/member-scene.js';
import { createBusinessClient } from './business-client.js';

const scene = memberEachTest();
const today = () => new Date().toISOString().slice(0, 10);

describe('business.stats', () => {
  it('reads the cooperative’s statistics for its staff, and refuses others', async () => {
    const credentials = await sharingCooperative(scene.server, 'sdkstats');
    const business = createBusinessClient(scene.member);
    expect(await errorCode(business.stats.get('sdkstats', { from: today(), to: today() }))).toBe(
      'FORBIDDEN',
    );

    await grantRole(scene.server, 'sdkstats', scene.fixture.registered.tokens.user_id, 'viewer');
    const visit = await openConnect(scene.server, 'sdkstats');
    const sharer = await confirmedMember(
      scene.server,
      credentials,
      'sdkstats',
      'sharer@sdk-stats.example',
      'sdkstatsharz',
    );
    const heard: unknown[] = [];
    const stop = business.stats.live('sdkstats', (event) => heard.push(event));
    // Give the socket time to connect and join the cooperative's room.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await shareAndRead(scene.server, credentials, sharer.token, 'sdkstats', 2);
    await expect.poll(() => heard.length).toBe(3);
    expect(heard).toEqual([
      { coopname: 'sdkstats', kind: 'consent' },
      { coopname: 'sdkstats', kind: 'read' },
      { coopname: 'sdkstats', kind: 'read' },
    ]);
    stop();
    // A sign-in on that connect page, through the SDK's login with the page's visit.
    const signedIn = await login(new HttpClient({ baseUrl: scene.server.url }), {
      email: scene.fixture.email,
      password: scene.fixture.password,
      connect: { coopname: 'sdkstats', visit_id: visit },
    });
    expect(signedIn.status).toBe('authenticated');

    scene.fixture.wire.reset();
    const stats = await business.stats.get('sdkstats', { from: today(), to: today(), tz: 'UTC' });
    expect(stats.funnel).toEqual({
      connect_opened: 1,
      signed_in: 1,
      consent_given: 1,
      ticket_exchanged: 1,
      data_read: 1,
    });
    expect(stats.days).toEqual([
      expect.objectContaining({ date: today(), reads: 2, membership_confirmations: 1 }),
    ]);
    expect(stats.totals).toEqual({ active_grants: 1, revocations: 0 });
    expect(scene.fixture.wire.requests.map((request) => request.path)).toEqual([
      'business/cooperatives/sdkstats/stats',
    ]);
    expect(
      await errorCode(business.stats.get('sdkstats', { from: today(), to: '2020-01-01' })),
    ).toBe('VALIDATION_FAILED');
  });
});
