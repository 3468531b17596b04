import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { cardAccount, coopFunds } from '../../src/modules/ledger/accounts.js';
import { LedgerRepository } from '../../src/modules/ledger/ledger.repository.js';
import { LedgerService } from '../../src/modules/ledger/ledger.service.js';
import { MoneyOperationsRepository } from '../../src/modules/ledger/money-operations.repository.js';
import { addCooperative, openMoneyDatabase } from '../support/money-database.js';
import type { TestDatabase } from '../support/test-database.js';

/**
 * The ledger on real PostgreSQL: the database itself refuses an unbalanced posting, the ADR 021
 * movements keep every currency at zero, and an operation settles exactly once under contention.
 */
let test: TestDatabase;
let database: Database;
let ledger: LedgerRepository;
let money: LedgerService;
const db = () => database.primary;

beforeAll(async () => {
  ({ test, database } = await openMoneyDatabase());
  ledger = new LedgerRepository(database);
  money = new LedgerService(database, ledger, new MoneyOperationsRepository(database));
  await addCooperative(database, 'voskhod');
  await addCooperative(database, 'zarya');
});

afterAll(async () => {
  await database?.close();
  await test?.drop();
});

/** A posting written with raw SQL, bypassing every check in code. */
const rawPosting = (entries: [string, number, string][]) =>
  db().transaction(async (tx) => {
    const id = randomUUID();
    await tx.execute(sql`insert into ledger_postings (id, kind) values (${id}, 'raw')`);
    for (const [account, amount, currency] of entries) {
      await tx.execute(
        sql`insert into ledger_entries (posting_id, account, amount, currency)
            values (${id}, ${account}, ${amount}, ${currency})`,
      );
    }
    return id;
  });

/** Whether an error or one of its causes (Drizzle wraps the driver's) has this message. */
const says = (pattern: RegExp) => (error: unknown) => {
  for (let e = error; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof Error && pattern.test(e.message)) return true;
  }
  return false;
};

const countRaw = async () => {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(sql`ledger_postings`)
    .where(sql`kind = 'raw'`);
  return row!.n;
};

describe('the database trigger', () => {
  it('refuses at commit a posting that does not sum to zero, or has under 2 entries', async () => {
    const before = await countRaw();
    await expect(
      rawPosting([
        ['external:funding', -100, 'USD'],
        ['coop:voskhod:funds', 90, 'USD'],
      ]),
    ).rejects.toSatisfy(says(/does not sum to zero in USD/));
    // Zero per currency is per currency: 100 USD against 100 EUR is two unbalanced sides.
    await expect(
      rawPosting([
        ['external:funding', -100, 'USD'],
        ['coop:voskhod:funds', 100, 'EUR'],
      ]),
    ).rejects.toSatisfy(says(/does not sum to zero in (USD|EUR)/));
    await expect(rawPosting([])).rejects.toSatisfy(says(/has 0 entries/));
    expect(await countRaw()).toBe(before);
  });

  it('accepts a balanced one (the check is deferred to commit) and never lets it change', async () => {
    const id = await rawPosting([
      ['external:funding', -7, 'RUB'],
      ['coop:raw:funds', 7, 'RUB'],
    ]);
    expect(await ledger.balance('coop:raw:funds', 'RUB')).toBe(7);
    await expect(
      db().execute(sql`update ledger_entries set amount = 8 where posting_id = ${id}`),
    ).rejects.toSatisfy(says(/ledger_entries is append-only/));
    await expect(
      db().execute(sql`delete from ledger_entries where posting_id = ${id}`),
    ).rejects.toSatisfy(says(/ledger_entries is append-only/));
    // Put back with another posting, as the ADR says corrections are made.
    await ledger.post(db(), {
      kind: 'correction',
      entries: [
        { account: 'coop:raw:funds', amount: -7, currency: 'RUB' },
        { account: 'external:funding', amount: 7, currency: 'RUB' },
      ],
    });
    expect(await ledger.balance('coop:raw:funds', 'RUB')).toBe(0);
  });
});

describe('LedgerRepository.post checks in code too', () => {
  const entry = (account: string, amount: number, currency = 'USD') => ({
    account,
    amount,
    currency,
  });
  it.each([
    ['unbalanced', [entry('fees:operator', 5), entry('external:funding', -4)]],
    ['one entry', [entry('fees:operator', 5)]],
    ['a zero entry', [entry('fees:operator', 0), entry('external:funding', 0)]],
    ['an unknown account', [entry('fees:someone', 5), entry('external:funding', -5)]],
    ['a bad coopname', [entry('coop:Voskhod:funds', 5), entry('external:funding', -5)]],
    ['a card that is no uuid', [entry('card:1234', 5), entry('external:funding', -5)]],
    ['a fraction', [entry('fees:operator', 0.5), entry('external:funding', -0.5)]],
    ['an unsafe integer', [entry('fees:operator', 2 ** 53), entry('external:funding', -(2 ** 53))]],
    ['a bad currency', [entry('fees:operator', 5, 'usd'), entry('external:funding', -5, 'usd')]],
  ])('refuses %s', async (_name, entries) => {
    await expect(ledger.post(db(), { kind: 'test', entries })).rejects.toThrow(
      expect.objectContaining({ name: 'LedgerInvariantError' }),
    );
  });
});

describe('the ADR 021 movements', () => {
  it('fund, top up (confirmed and failed), fees, purchases and refunds balance', async () => {
    const card = randomUUID();
    await money.fundCooperative({ coopname: 'voskhod', amount: 10_000, currency: 'USD' });
    const topUp = await money.startOperation({
      kind: 'card_topup',
      coopname: 'voskhod',
      cardId: card,
      amount: 5000,
      fee: 100,
      currency: 'USD',
    });
    expect(topUp.status).toBe('pending');
    expect(await ledger.balance(coopFunds('voskhod'), 'USD')).toBe(4900);
    expect(await ledger.balance('transit:deposits', 'USD')).toBe(5100);

    await money.settleOperation(topUp.id, { status: 'confirmed', providerRef: 'dep-1' });
    expect(await ledger.balance('transit:deposits', 'USD')).toBe(0);
    expect(await ledger.balance(cardAccount(card), 'USD')).toBe(5000);
    expect(await ledger.balance('fees:operator', 'USD')).toBe(100);

    const failed = await money.startOperation({
      kind: 'card_topup',
      coopname: 'voskhod',
      cardId: card,
      amount: 2000,
      fee: 40,
      currency: 'USD',
    });
    expect(await ledger.balance(coopFunds('voskhod'), 'USD')).toBe(2860);
    const settled = await money.settleOperation(failed.id, { status: 'failed', failure: 'limit' });
    expect(settled).toMatchObject({ status: 'failed', failure: 'limit' });
    expect(await ledger.balance(coopFunds('voskhod'), 'USD')).toBe(4900);

    await money.chargeIssueFee({ coopname: 'voskhod', fee: 300, currency: 'USD' });
    await money.recordPurchase({ cardId: card, amount: 1200, currency: 'USD' });
    await money.recordRefund({ cardId: card, amount: 200, currency: 'USD' });

    expect(await ledger.balance(coopFunds('voskhod'), 'USD')).toBe(4600);
    expect(await ledger.balance(cardAccount(card), 'USD')).toBe(4000);
    expect(await ledger.balance('fees:operator', 'USD')).toBe(400);
    expect(await ledger.balance('external:merchants', 'USD')).toBe(1000);
    expect(await ledger.balance('external:funding', 'USD')).toBe(-10_000);
    expect(await ledger.balances('card:')).toEqual([
      { account: cardAccount(card), currency: 'USD', balance: 4000 },
    ]);
    const postings = await ledger.postingsOf(topUp.id);
    expect(postings.map(({ kind }) => kind)).toEqual(['topup.reserve', 'topup.confirm']);
    expect(postings[1]!.entries).toEqual(
      expect.arrayContaining([{ account: cardAccount(card), amount: 5000, currency: 'USD' }]),
    );
    expect(await ledger.trialBalance()).toEqual({ USD: 0, RUB: 0 });
  });

  it('an issue with only a fee confirms into fees, and the card is learnt at confirmation', async () => {
    await money.fundCooperative({ coopname: 'zarya', amount: 1000, currency: 'EUR' });
    const issue = await money.startOperation({
      kind: 'card_issue',
      coopname: 'zarya',
      amount: 0,
      fee: 250,
      currency: 'EUR',
    });
    await money.settleOperation(issue.id, { status: 'confirmed' });
    const card = randomUUID();
    const withAmount = await money.startOperation({
      kind: 'card_issue',
      coopname: 'zarya',
      amount: 500,
      fee: 250,
      currency: 'EUR',
    });
    const done = await money.settleOperation(withAmount.id, { status: 'confirmed', cardId: card });
    expect(done?.cardId).toBe(card);
    expect(await ledger.balances('coop:zarya:')).toEqual([
      { account: 'coop:zarya:funds', currency: 'EUR', balance: 0 },
    ]);
    expect(await ledger.balance(cardAccount(card), 'EUR')).toBe(500);
    expect(await ledger.balance('fees:operator', 'EUR')).toBe(500);
    expect((await ledger.trialBalance()).EUR).toBe(0);
  });

  it('refuses a reservation beyond the funds, leaving no operation, even when concurrent', async () => {
    await addCooperative(database, 'rassvet');
    await money.fundCooperative({ coopname: 'rassvet', amount: 10_000, currency: 'USD' });
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        money.startOperation({
          kind: 'card_topup',
          coopname: 'rassvet',
          cardId: randomUUID(),
          amount: 2900,
          fee: 100,
          currency: 'USD',
        }),
      ),
    );
    const refused = attempts.filter(({ status }) => status === 'rejected');
    expect(attempts.length - refused.length).toBe(3);
    for (const result of refused) {
      expect((result as PromiseRejectedResult).reason).toMatchObject({
        code: 'INSUFFICIENT_FUNDS',
        statusCode: 422,
      });
    }
    expect(await ledger.balance(coopFunds('rassvet'), 'USD')).toBe(1000);
    const [row] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(sql`money_operations`)
      .where(sql`coopname = 'rassvet'`);
    expect(row!.n).toBe(3);
  });
});

describe('outside events', () => {
  it('a purchase delivered twice, even concurrently, posts once per ref', async () => {
    const card = randomUUID();
    const ref = `aifory:transaction:${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        money.recordPurchase({ cardId: card, amount: 300, currency: 'JPY', ref }),
      ),
    );
    expect(results.filter((id) => id !== undefined)).toHaveLength(1);
    expect(await ledger.balance(cardAccount(card), 'JPY')).toBe(-300);
    const refund = `aifory:transaction:${randomUUID()}`;
    expect(
      await money.recordRefund({ cardId: card, amount: 300, currency: 'JPY', ref: refund }),
    ).toEqual(expect.any(String));
    expect(
      await money.recordRefund({ cardId: card, amount: 300, currency: 'JPY', ref: refund }),
    ).toBeUndefined();
    expect(await ledger.balance(cardAccount(card), 'JPY')).toBe(0);
    expect((await ledger.trialBalance()).JPY).toBe(0);
  });
});

describe('money operations', () => {
  it('settle exactly once under 20 concurrent settle calls', async () => {
    await money.fundCooperative({ coopname: 'voskhod', amount: 1000, currency: 'GBP' });
    const card = randomUUID();
    const op = await money.startOperation({
      kind: 'card_topup',
      coopname: 'voskhod',
      cardId: card,
      amount: 900,
      fee: 100,
      currency: 'GBP',
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        money.settleOperation(
          op.id,
          i % 2 ? { status: 'confirmed' } : { status: 'failed', failure: 'declined' },
        ),
      ),
    );
    const winners = results.filter((row) => row !== undefined);
    expect(winners).toHaveLength(1);
    expect(await ledger.postingsOf(op.id)).toHaveLength(2);
    const confirmed = winners[0]!.status === 'confirmed';
    expect(await ledger.balance(cardAccount(card), 'GBP')).toBe(confirmed ? 900 : 0);
    expect(await ledger.balance(coopFunds('voskhod'), 'GBP')).toBe(confirmed ? 0 : 1000);
    expect(await ledger.balance('transit:deposits', 'GBP')).toBe(0);
    expect((await ledger.trialBalance()).GBP).toBe(0);
    // Later attempts change nothing either.
    expect(await money.settleOperation(op.id, { status: 'failed', failure: 'late' })).toBe(
      undefined,
    );
    expect(await ledger.postingsOf(op.id)).toHaveLength(2);
  });

  it('lists pending operations older than N seconds and counts status queries', async () => {
    await money.fundCooperative({ coopname: 'zarya', amount: 100, currency: 'CHF' });
    const op = await money.startOperation({
      kind: 'card_topup',
      coopname: 'zarya',
      cardId: randomUUID(),
      amount: 50,
      fee: 0,
      currency: 'CHF',
    });
    expect((await money.operations.listPending(3600)).map(({ id }) => id)).not.toContain(op.id);
    await db().execute(
      sql`update money_operations set created_at = now() - interval '2 minutes' where id = ${op.id}`,
    );
    expect((await money.operations.listPending(60)).map(({ id }) => id)).toContain(op.id);
    expect(await money.operations.recordAttempt(op.id)).toBe(1);
    expect(await money.operations.recordAttempt(op.id)).toBe(2);
    await money.settleOperation(op.id, { status: 'failed', failure: 'expired' });
    expect((await money.operations.listPending(60)).map(({ id }) => id)).not.toContain(op.id);
    expect(await money.operations.get(op.id)).toMatchObject({ status: 'failed', attempts: 2 });
  });
});
