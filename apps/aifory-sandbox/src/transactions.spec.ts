import { aiforyTransactionSchema, aiforyTransactionsResultSchema } from '@cardcoop/contracts';
import { describe, expect, it } from 'vitest';
import { orderCard, sandboxFor, usd } from './spec-support.js';

/** A clock tests move by hand. */
function manualClock(start: string) {
  let now = Date.parse(start);
  return {
    clock: () => new Date(now),
    set: (iso: string) => {
      now = Date.parse(iso);
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('aifory sandbox: purchases', () => {
  it('approves a purchase within balance and takes it off the card', async () => {
    const { sandbox, call } = await sandboxFor();
    const cardId = await orderCard(call, 'o-1', 10_000);
    const transaction = sandbox.purchase(cardId, usd(2500), {
      name: 'Cloud Host',
      mcc: '4816',
      country: 'DE',
    });
    expect(aiforyTransactionSchema.parse(transaction)).toMatchObject({
      card_id: cardId,
      type: 'purchase',
      status: 'approved',
      amount: usd(2500),
      merchant: { name: 'Cloud Host', mcc: '4816', country: 'DE' },
    });
    expect(transaction).not.toHaveProperty('decline_reason');
    expect(sandbox.cards()[0]?.balance).toEqual(usd(7500));
    const plain = sandbox.purchase(cardId, 500, 'Coffee');
    expect(plain).toMatchObject({ status: 'approved', merchant: { name: 'Coffee' } });
    expect(sandbox.purchase(cardId, 100).merchant).toEqual({ name: 'Sandbox Merchant' });
    expect(
      (await call('cards/transaction', { transaction_id: transaction.transaction_id })).body.result,
    ).toEqual(transaction);
    expect(await call('cards/transaction', { transaction_id: 'txn_none' })).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found' } },
    });
  });

  it('declines: insufficient funds, frozen, closed, another currency; the balance stays', async () => {
    const { sandbox, call } = await sandboxFor();
    const cardId = await orderCard(call, 'o-1', 1000);
    expect(sandbox.purchase(cardId, 1001)).toMatchObject({
      status: 'declined',
      decline_reason: 'insufficient_funds',
    });
    expect(sandbox.purchase(cardId, { amount: 10, currency: 'EUR' }).decline_reason).toBe(
      'currency_mismatch',
    );
    await call('cards/freeze', { card_id: cardId });
    expect(sandbox.purchase(cardId, 10).decline_reason).toBe('card_frozen');
    await call('cards/unfreeze', { card_id: cardId });
    expect(sandbox.purchase(cardId, 1000).status).toBe('approved');
    sandbox.closeCard(cardId);
    expect(sandbox.purchase(cardId, 1).decline_reason).toBe('card_closed');
    expect(sandbox.cards()[0]?.balance).toEqual(usd(0));
    await sandbox.idle();
    const created = sandbox
      .webhookDeliveries()
      .filter((d) => d.event.type === 'transaction.created');
    // The initial deposit and five purchases, declined ones included.
    expect(created).toHaveLength(6);
    expect(() => sandbox.purchase(cardId, 0)).toThrow(/positive/);
    expect(() => sandbox.purchase('card_none', 1)).toThrow(/no card/);
  });

  it('declines over the per-transaction, daily and monthly limits (UTC day and month)', async () => {
    const time = manualClock('2026-12-30T10:00:00Z');
    const { sandbox, call } = await sandboxFor({ clock: time.clock });
    const cardId = await orderCard(call, 'o-1', 100_000);
    await call('cards/limits', {
      card_id: cardId,
      limits: { per_transaction: usd(3000), daily: usd(5000), monthly: usd(8000) },
    });
    expect(sandbox.purchase(cardId, 3001).decline_reason).toBe('per_transaction_limit');
    expect(sandbox.purchase(cardId, 3000).status).toBe('approved');
    expect(sandbox.purchase(cardId, 2000).status).toBe('approved');
    expect(sandbox.purchase(cardId, 1).decline_reason).toBe('daily_limit');
    time.set('2026-12-31T00:00:00Z');
    expect(sandbox.purchase(cardId, 3000).status).toBe('approved');
    expect(sandbox.purchase(cardId, 1).decline_reason).toBe('monthly_limit');
    time.set('2027-01-01T00:00:00Z');
    expect(sandbox.purchase(cardId, 3000).status).toBe('approved');
    expect(sandbox.cards()[0]?.balance).toEqual(usd(100_000 - 11_000));
  });
});

describe('aifory sandbox: transactions paging', () => {
  it('pages newest first by (created_at, id), also ascending, and by from/to', async () => {
    const time = manualClock('2026-12-01T00:00:00Z');
    const { sandbox, call } = await sandboxFor({ clock: time.clock });
    const cardId = await orderCard(call, 'o-1', 100_000);
    const other = await orderCard(call, 'o-2', 1000);
    sandbox.purchase(other, 1);
    // Two purchases share each instant: the id breaks the tie.
    for (let i = 0; i < 6; i += 1) {
      if (i % 2 === 0) time.advance(60_000);
      sandbox.purchase(cardId, 100 + i);
    }
    const all = sandbox.transactions().filter((t) => t.card_id === cardId);
    expect(all).toHaveLength(7);
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const { body } = await call('cards/transactions', {
        card_id: cardId,
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      const page = aiforyTransactionsResultSchema.parse(body.result);
      pages.push(page.items.map((t) => t.transaction_id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(all.map((t) => t.transaction_id).reverse());

    const asc = await call('cards/transactions', { card_id: cardId, order: 'asc', limit: 4 });
    expect(asc.body.result.items.map((t: { transaction_id: string }) => t.transaction_id)).toEqual(
      all.slice(0, 4).map((t) => t.transaction_id),
    );
    const rest = await call('cards/transactions', {
      card_id: cardId,
      order: 'asc',
      cursor: asc.body.result.next_cursor,
    });
    expect(rest.body.result).toEqual({ items: all.slice(4), next_cursor: null });

    // from inclusive, to exclusive: the second minute's two purchases.
    const window = await call('cards/transactions', {
      card_id: cardId,
      from: '2026-12-01T00:02:00Z',
      to: '2026-12-01T00:03:00Z',
    });
    expect(
      window.body.result.items.map((t: { amount: { amount: number } }) => t.amount.amount),
    ).toEqual([103, 102]);
  });

  it('refuses a forged cursor and an unknown card', async () => {
    const { call } = await sandboxFor();
    const cardId = await orderCard(call, 'o-1');
    for (const cursor of ['not-a-cursor', Buffer.from('[1,2]').toString('base64url')]) {
      expect(await call('cards/transactions', { card_id: cardId, cursor })).toMatchObject({
        status: 400,
        body: { error: { code: 'invalid_request' } },
      });
    }
    expect((await call('cards/transactions', { card_id: 'card_none' })).status).toBe(404);
    expect((await call('cards/transactions', { card_id: cardId })).body.result).toEqual({
      items: [],
      next_cursor: null,
    });
  });
});
