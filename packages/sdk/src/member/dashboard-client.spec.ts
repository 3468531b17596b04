import type { IndividualCard } from '@cardcoop/contracts';
import { describe, expect, it } from 'vitest';
import { errorCode } from '../testing/member-fixture.js';
import { memberEachTest } from '../testing/member-scene.js';

const card: IndividualCard = {
  kind: 'individual',
  first_name: 'Анна',
  last_name: 'Смирнова',
  birthdate: '1991-02-03',
  full_address: 'г. Москва, ул. Тверская, д. 1, кв. 1',
  phone: '+79991234567',
  email: 'anna@example.com',
};

const scene = memberEachTest();

describe('member.dashboard', () => {
  it('loads the whole home in one request', async () => {
    expect(await scene.member.dashboard.get()).toEqual({
      card: null,
      accounts: [],
      balances: [],
      next_meeting: null,
      contributions: { unpaid: 0, nearest: [] },
      notifications: { unread: 0, latest: [] },
      reads: [],
    });
    expect(scene.fixture.wire.calls).toEqual(['GET dashboard']);
  });

  it("shows the card's kind and last change, never its content", async () => {
    await scene.member.card.issue(card);
    const home = await scene.member.dashboard.get();
    expect(home.card).toEqual({
      kind: 'individual',
      revision: 1,
      change: 'issued',
      updated_at: expect.any(String),
    });
    expect(JSON.stringify(home)).not.toContain('Смирнова');
  });

  it('refuses an answer that is not a dashboard', async () => {
    scene.fixture.wire.rewrite<Record<string, unknown>>(
      'GET dashboard',
      ({ reads: _, ...rest }) => rest,
    );
    expect(await errorCode(scene.member.dashboard.get())).toBe('INVALID_RESPONSE');
  });
});
