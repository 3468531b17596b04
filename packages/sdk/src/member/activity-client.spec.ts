import { describe, expect, it } from 'vitest';
import { errorCode, signIn } from '../testing/member-fixture.js';
import { memberEachTest } from '../testing/member-scene.js';

const TZ = 'Europe/Moscow';
/** Today in Moscow, `YYYY-MM-DD`. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date());

const scene = memberEachTest();

describe('member.activity', () => {
  it("counts today's sign-in on its device and lists it with the device's address", async () => {
    await signIn(scene.fixture, { deviceName: 'Phone' });
    scene.fixture.wire.reset();

    const activity = await scene.member.activity.get({ from: today(), to: today(), tz: TZ });
    expect(activity).toMatchObject({ granularity: 'day', reads: [], contributions: [] });
    expect(activity.logins).toEqual([{ period: today(), device: 'Phone', count: 1 }]);

    const history = await scene.member.activity.loginHistory({ limit: 5 });
    expect(history).toEqual({
      logins: [{ at: expect.any(String), device: 'Phone', ip: scene.fixture.wire.ip }],
      next: null,
    });
    expect(scene.fixture.wire.calls).toEqual(['GET activity', 'GET activity/logins']);
    expect(scene.fixture.wire.requests.map((request) => request.path)).toEqual([
      'activity',
      'activity/logins',
    ]);
  });

  it('pages the history with the cursor it was given', async () => {
    await signIn(scene.fixture, { deviceName: 'Phone' });
    await signIn(scene.fixture, { deviceName: 'Laptop' });
    const first = await scene.member.activity.loginHistory({ limit: 1 });
    expect(first.logins.map((login) => login.device)).toEqual(['Laptop']);
    const second = await scene.member.activity.loginHistory({ limit: 1, after: first.next! });
    expect(second.logins.map((login) => login.device)).toEqual(['Phone']);
  });

  it('refuses a span over a year with VALIDATION_FAILED', async () => {
    expect(
      await errorCode(scene.member.activity.get({ from: '2025-01-01', to: '2026-12-31', tz: TZ })),
    ).toBe('VALIDATION_FAILED');
  });
});
