import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { balanceListSchema, notificationListSchema } from '@cardcoop/contracts';
import { NotificationService } from '../../src/modules/notifications/notification.service.js';
import { call, memberWithAccounts, registerCooperative } from '../support/coop-fixture.js';
import { post } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;
let voskhod: string;
let zarya: string;
let anna: string;

const BALANCES = {
  as_of: '2026-12-01T12:00:00+03:00',
  funds: [
    { fund: 'share_contribution', amount: 500_000, currency: 'RUB' },
    { fund: 'membership_fee', amount: 12_000, currency: 'RUB' },
    { fund: 'other', name: 'Фонд развития', amount: 0, currency: 'RUB' },
  ],
};
const push = (authorization: string, username: string, body: unknown = BALANCES) =>
  call(server, 'PUT', `/coop/members/${username}/balances`, authorization, body);
const annaBalances = async () =>
  balanceListSchema.parse((await call(server, 'GET', '/balances', `Bearer ${anna}`)).body)
    .cooperatives;

beforeAll(async () => {
  server = await startTestApp();
  voskhod = await registerCooperative(server, 'voskhod', 'ПК ВОСХОД');
  zarya = await registerCooperative(server, 'zarya', 'ПК Заря');
  anna = await memberWithAccounts(server, 'anna@balances.example', [
    { coopname: 'voskhod', username: 'annavoskhodb' },
    { coopname: 'zarya', username: 'annazaryabbb' },
  ]);
  await memberWithAccounts(server, 'boris@balances.example', [
    { coopname: 'zarya', username: 'boriszaryabb' },
  ]);
});
afterAll(() => server.close());

describe('balances', () => {
  it('are hidden while the membership is not confirmed, though the cooperative pushed them', async () => {
    expect((await push(voskhod, 'annavoskhodb')).status).toBe(204);
    expect(await annaBalances()).toEqual([]);
  });

  it('show per cooperative once confirmed; one with nothing pushed yet shows no funds', async () => {
    expect((await call(server, 'PUT', '/coop/memberships/annavoskhodb', voskhod)).status).toBe(204);
    expect((await call(server, 'PUT', '/coop/memberships/annazaryabbb', zarya)).status).toBe(204);
    expect(await annaBalances()).toEqual([
      {
        coopname: 'voskhod',
        display_name: 'ПК ВОСХОД',
        username: 'annavoskhodb',
        as_of: '2026-12-01T09:00:00.000Z',
        funds: BALANCES.funds,
      },
      {
        coopname: 'zarya',
        display_name: 'ПК Заря',
        username: 'annazaryabbb',
        as_of: null,
        funds: [],
      },
    ]);
  });

  it('replace the whole set; the same push again records nothing new', async () => {
    const next = { as_of: '2026-12-02T00:00:00Z', funds: [BALANCES.funds[0]] };
    expect((await push(voskhod, 'annavoskhodb', next)).status).toBe(204);
    expect((await push(voskhod, 'annavoskhodb', next)).status).toBe(204);
    // A late retry of the older push changes nothing.
    expect((await push(voskhod, 'annavoskhodb')).status).toBe(204);
    const [voskhodBalances] = await annaBalances();
    expect(voskhodBalances?.funds).toEqual(next.funds);
    expect(voskhodBalances?.as_of).toBe('2026-12-02T00:00:00.000Z');
    const audit = (await call(server, 'GET', '/audit', `Bearer ${anna}`)).body as {
      events: { type: string }[];
    };
    expect(audit.events.filter((event) => event.type === 'balance.updated')).toHaveLength(2);
  });

  it('are changed and notified in one transaction: a failure after the notice undoes both', async () => {
    const notices = async () =>
      notificationListSchema.parse(
        (await call(server, 'GET', '/notifications?type=balance.changed', `Bearer ${anna}`)).body,
      ).notifications.length;
    const before = { funds: (await annaBalances())[0]?.funds, notices: await notices() };
    const service = server.app.get(NotificationService);
    const notify = service.notify.bind(service);
    vi.spyOn(service, 'notify').mockImplementationOnce(async (...args) => {
      await notify(...args);
      throw new Error('a failure after the notice was written');
    });
    const next = { as_of: '2026-12-03T00:00:00Z', funds: [BALANCES.funds[1]] };
    expect((await push(voskhod, 'annavoskhodb', next)).status).toBe(500);
    expect({ funds: (await annaBalances())[0]?.funds, notices: await notices() }).toEqual(before);

    expect((await push(voskhod, 'annavoskhodb', next)).status).toBe(204);
    expect((await annaBalances())[0]?.funds).toEqual(next.funds);
    expect(await notices()).toBe(before.notices + 1);
    vi.restoreAllMocks();
  });

  it('refuse negative or fractional amounts, bad currencies, a nameless other fund, duplicates', async () => {
    const fund = BALANCES.funds[0]!;
    for (const funds of [
      [{ ...fund, amount: -1 }],
      [{ ...fund, amount: 1.5 }],
      [{ ...fund, amount: Number.MAX_SAFE_INTEGER + 1 }],
      [{ ...fund, currency: 'rub' }],
      [{ fund: 'other', amount: 1, currency: 'RUB' }],
      [{ ...fund, name: 'x' }],
      [fund, fund],
    ]) {
      const answer = await push(voskhod, 'annavoskhodb', { as_of: BALANCES.as_of, funds });
      expect(answer.status).toBe(422);
      expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect((await push(voskhod, 'annavoskhodb', { funds: [] })).status).toBe(422);
  });

  it("refuse an unknown username and another cooperative's member (404), writing nothing", async () => {
    expect((await push(voskhod, 'nosuchuserzz')).status).toBe(404);
    expect((await push(voskhod, 'boriszaryabb')).status).toBe(404);
    expect((await push(voskhod, 'annazaryabbb')).status).toBe(404);
    const zaryaEntry = (await annaBalances()).find((entry) => entry.coopname === 'zarya');
    expect(zaryaEntry?.funds).toEqual([]);
    expect((await push('Basic eDp5', 'annavoskhodb')).status).toBe(401);
  });

  it('are hidden once the account is closed, and a closed account takes no pushes', async () => {
    expect(
      (await post(server.url, '/api/v1/card/close-account', { coopname: 'zarya' }, anna)).status,
    ).toBe(204);
    expect((await annaBalances()).map((entry) => entry.coopname)).toEqual(['voskhod']);
    expect((await push(zarya, 'annazaryabbb')).status).toBe(404);
  });
});
