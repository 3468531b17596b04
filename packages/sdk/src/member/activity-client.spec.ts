import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, registeredMember, signIn, startServer } from '../testing/member-fixture.js';
import type { Fixture, TestApp } from '../testing/member-fixture.js';
import { createMemberClient } from './member-client.js';
import type { MemberClient } from './member-client.js';

const TZ = 'Europe/Moscow';
/** Today in Moscow, `YYYY-MM-DD`. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date());

let server: TestApp;
let fixture: Fixture;
let member: MemberClient;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

beforeEach(async () => {
  fixture = await registeredMember(server);
  member = createMemberClient({
    baseUrl: server.url,
    fetch: fixture.wire.fetch,
    tokens: fixture.registered.tokens,
    now: () => fixture.clock.now,
  });
});
afterEach(() => member.session.close());

describe('member.activity', () => {
  it("counts today's sign-in on its device and lists it with the device's address", async () => {
    await signIn(fixture, { deviceName: 'Phone' });
    fixture.wire.reset();

    const activity = await member.activity.get({ from: today(), to: today(), tz: TZ });
    expect(activity).toMatchObject({ granularity: 'day', reads: [], contributions: [] });
    expect(activity.logins).toEqual([{ period: today(), device: 'Phone', count: 1 }]);

    const history = await member.activity.loginHistory({ limit: 5 });
    expect(history).toEqual({
      logins: [{ at: expect.any(String), device: 'Phone', ip: fixture.wire.ip }],
      next: null,
    });
    expect(fixture.wire.calls).toEqual(['GET activity', 'GET activity/logins']);
    expect(fixture.wire.requests.map((request) => request.path)).toEqual([
      'activity',
      'activity/logins',
    ]);
  });

  it('pages the history with the cursor it was given', async () => {
    await signIn(fixture, { deviceName: 'Phone' });
    await signIn(fixture, { deviceName: 'Laptop' });
    const first = await member.activity.loginHistory({ limit: 1 });
    expect(first.logins.map((login) => login.device)).toEqual(['Laptop']);
    const second = await member.activity.loginHistory({ limit: 1, after: first.next! });
    expect(second.logins.map((login) => login.device)).toEqual(['Phone']);
  });

  it('refuses a span over a year with VALIDATION_FAILED', async () => {
    expect(
      await errorCode(member.activity.get({ from: '2025-01-01', to: '2026-12-31', tz: TZ })),
    ).toBe('VALIDATION_FAILED');
  });
});
