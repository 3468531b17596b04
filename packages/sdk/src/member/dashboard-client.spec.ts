import type { IndividualCard } from '@cardcoop/contracts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, registeredMember, startServer } from '../testing/member-fixture.js';
import type { Fixture, TestApp } from '../testing/member-fixture.js';
import { createMemberClient } from './member-client.js';
import type { MemberClient } from './member-client.js';

const card: IndividualCard = {
  kind: 'individual',
  first_name: 'Анна',
  last_name: 'Смирнова',
  birthdate: '1991-02-03',
  full_address: 'г. Москва, ул. Тверская, д. 1, кв. 1',
  phone: '+79991234567',
  email: 'anna@example.com',
};

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
    userKey: fixture.registered.userKey,
  });
});
afterEach(() => member.session.close());

describe('member.dashboard', () => {
  it('loads the whole home in one request', async () => {
    expect(await member.dashboard.get()).toEqual({
      card: null,
      accounts: [],
      balances: [],
      next_meeting: null,
      contributions: { unpaid: 0, nearest: [] },
      notifications: { unread: 0, latest: [] },
      reads: [],
    });
    expect(fixture.wire.calls).toEqual(['GET dashboard']);
  });

  it("shows the card's kind and last change, never its content", async () => {
    await member.card.issue(card);
    const home = await member.dashboard.get();
    expect(home.card).toEqual({
      kind: 'individual',
      revision: 1,
      change: 'issued',
      updated_at: expect.any(String),
    });
    expect(JSON.stringify(home)).not.toContain('Смирнова');
  });

  it('refuses an answer that is not a dashboard', async () => {
    fixture.wire.rewrite<Record<string, unknown>>('GET dashboard', ({ reads: _, ...rest }) => rest);
    expect(await errorCode(member.dashboard.get())).toBe('INVALID_RESPONSE');
  });
});
