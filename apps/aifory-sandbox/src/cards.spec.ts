import {
  aiforyCalculateResultSchema,
  aiforyCardSchema,
  aiforyOffersResultSchema,
  aiforyOrderCardResultSchema,
  aiforyRequisitesSchema,
} from '@cardcoop/contracts';
import { describe, expect, it } from 'vitest';
import { luhnValid } from './pan.js';
import { orderCard, sandboxFor, usd } from './spec-support.js';

const ORDER = {
  request_id: 'order-1',
  offer_id: 'offer_usd_virtual',
  holder_name: 'Ivan Petrov',
  external_ref: 'member-1',
};

describe('aifory sandbox: cards', () => {
  it('lists the default offer and calculates issue fee + top-up fee', async () => {
    const { call } = await sandboxFor();
    const offers = aiforyOffersResultSchema.parse((await call('cards/offers')).body.result);
    expect(offers).toEqual([
      expect.objectContaining({
        offer_id: 'offer_usd_virtual',
        currency: 'USD',
        issue_fee: usd(500),
        topup_fee_bps: 150,
        min_topup: usd(1000),
        max_topup: usd(500000),
      }),
    ]);
    const calc = await call('cards/calculate', {
      offer_id: 'offer_usd_virtual',
      amount: usd(10_000),
    });
    expect(aiforyCalculateResultSchema.parse(calc.body.result)).toEqual({
      offer_id: 'offer_usd_virtual',
      amount: usd(10_000),
      fee: usd(650),
      total: usd(10_650),
    });
    // 1.5 % of 1001 is 15.015: rounded up to 16.
    const odd = await call('cards/calculate', { offer_id: 'offer_usd_virtual', amount: usd(1001) });
    expect(odd.body.result.fee).toEqual(usd(516));
    const none = await call('cards/calculate', { offer_id: 'offer_usd_virtual', amount: usd(0) });
    expect(none.body.result).toMatchObject({ fee: usd(500), total: usd(500) });
    const small = await call('cards/calculate', {
      offer_id: 'offer_usd_virtual',
      amount: usd(999),
    });
    expect(small).toMatchObject({ status: 422, body: { error: { code: 'amount_out_of_range' } } });
    const eur = await call('cards/calculate', {
      offer_id: 'offer_usd_virtual',
      amount: { amount: 1000, currency: 'EUR' },
    });
    expect(eur).toMatchObject({ status: 422, body: { error: { code: 'currency_mismatch' } } });
    const unknown = await call('cards/calculate', { offer_id: 'nope', amount: usd(1000) });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('orders a card: Luhn PAN with BIN 4, expiry 3 years on, CVV, fees off the master', async () => {
    const { sandbox, call } = await sandboxFor({ clock: () => new Date('2026-12-06T10:00:00Z') });
    const answer = await call('cards/order', { ...ORDER, initial_amount: usd(10_000) });
    expect(answer.status).toBe(200);
    const result = aiforyOrderCardResultSchema.parse(answer.body.result);
    expect(result).toMatchObject({ status: 'active', balance: usd(10_000), request_id: 'order-1' });
    expect(sandbox.masterBalance()).toEqual(usd(10_000_000 - 10_650));
    const [card] = sandbox.cards();
    expect(card?.pan).toMatch(/^4\d{15}$/);
    expect(luhnValid(card?.pan ?? '')).toBe(true);
    expect(card?.pan.slice(-4)).toBe(result.last4);
    expect(card?.expiry).toBe('12/29');
    expect(card?.cvv).toMatch(/^\d{3}$/);
    expect(card?.holder_name).toBe('IVAN PETROV');
    expect(sandbox.transactions()).toEqual([
      expect.objectContaining({ type: 'deposit', status: 'approved', amount: usd(10_000) }),
    ]);

    const requisites = await call('cards/requisites', { card_id: result.card_id });
    expect(aiforyRequisitesSchema.parse(requisites.body.result)).toMatchObject({
      card_id: result.card_id,
      pan: card?.pan,
      expiry: '12/29',
      cvv: card?.cvv,
      holder_name: 'IVAN PETROV',
      billing_address: { country: 'US' },
    });
    expect((await call('cards/requisites', { card_id: 'card_x' })).status).toBe(404);
  });

  it('an order without initial amount costs the issue fee only and starts at zero', async () => {
    const { sandbox, call } = await sandboxFor();
    const cardId = await orderCard(call, 'o-0');
    expect(sandbox.masterBalance().amount).toBe(10_000_000 - 500);
    expect(sandbox.cards()[0]).toMatchObject({ card_id: cardId, balance: usd(0) });
    expect(sandbox.transactions()).toEqual([]);
  });

  it('refuses an order the master cannot pay, and charges nothing', async () => {
    const { sandbox, call } = await sandboxFor({ masterBalance: usd(10_600) });
    const answer = await call('cards/order', { ...ORDER, initial_amount: usd(10_000) });
    expect(answer).toMatchObject({
      status: 409,
      body: { ok: false, error: { code: 'insufficient_master_balance' } },
    });
    expect(sandbox.masterBalance()).toEqual(usd(10_600));
    expect(sandbox.cards()).toEqual([]);
    // The request_id was not used up: after funding the same request succeeds.
    sandbox.setMasterBalance(20_000);
    expect((await call('cards/order', { ...ORDER, initial_amount: usd(10_000) })).status).toBe(200);
    expect(sandbox.masterBalance()).toEqual(usd(20_000 - 10_650));
  });

  it('the same request_id answers the same card once, even concurrently; another body is 409', async () => {
    const { sandbox, call } = await sandboxFor();
    const body = { ...ORDER, initial_amount: usd(5000) };
    const answers = await Promise.all(Array.from({ length: 8 }, () => call('cards/order', body)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => a.body.result.card_id)).size).toBe(1);
    expect(sandbox.cards()).toHaveLength(1);
    expect(sandbox.masterBalance().amount).toBe(10_000_000 - (500 + 5000 + 75));
    // Key order does not make a different body.
    const reordered = {
      initial_amount: usd(5000),
      external_ref: 'member-1',
      holder_name: 'Ivan Petrov',
      offer_id: 'offer_usd_virtual',
      request_id: 'order-1',
    };
    expect((await call('cards/order', reordered)).body.result).toEqual(answers[0]?.body.result);
    const other = await call('cards/order', { ...body, holder_name: 'Petr Ivanov' });
    expect(other).toMatchObject({ status: 409, body: { error: { code: 'request_id_reused' } } });
    expect(sandbox.cards()).toHaveLength(1);
  });

  it('lists cards, all or by id, with status, balance and limits', async () => {
    const { call } = await sandboxFor();
    const a = await orderCard(call, 'o-a', 1000);
    const b = await orderCard(call, 'o-b');
    const all = (await call('cards/list')).body.result;
    expect(all.map((card: { card_id: string }) => card.card_id)).toEqual([a, b]);
    expect(aiforyCardSchema.parse(all[0])).toEqual({
      card_id: a,
      last4: expect.stringMatching(/^\d{4}$/),
      status: 'active',
      balance: usd(1000),
      limits: { per_transaction: null, daily: null, monthly: null },
    });
    const some = (await call('cards/list', { card_ids: [b, 'card_unknown'] })).body.result;
    expect(some.map((card: { card_id: string }) => card.card_id)).toEqual([b]);
  });

  it('freezes and unfreezes (same end state is a no-op), a closed card stays closed', async () => {
    const { sandbox, call } = await sandboxFor();
    const cardId = await orderCard(call, 'o-f');
    expect((await call('cards/freeze', { card_id: cardId })).body.result).toEqual({
      card_id: cardId,
      status: 'frozen',
    });
    expect((await call('cards/freeze', { card_id: cardId })).body.result.status).toBe('frozen');
    expect((await call('cards/unfreeze', { card_id: cardId })).body.result.status).toBe('active');
    expect((await call('cards/unfreeze', { card_id: cardId })).body.result.status).toBe('active');
    await sandbox.idle();
    expect(
      sandbox
        .webhookDeliveries()
        .filter((d) => d.event.type === 'card.status_changed')
        .map((d) => d.event.data),
    ).toEqual([
      { card_id: cardId, status: 'frozen', previous_status: 'active' },
      { card_id: cardId, status: 'active', previous_status: 'frozen' },
    ]);
    sandbox.closeCard(cardId);
    for (const path of ['cards/freeze', 'cards/unfreeze']) {
      expect(await call(path, { card_id: cardId })).toMatchObject({
        status: 409,
        body: { error: { code: 'card_closed' } },
      });
    }
    expect((await call('cards/freeze', { card_id: 'card_none' })).status).toBe(404);
  });

  it('sets limits (null = none) in the card currency', async () => {
    const { sandbox, call } = await sandboxFor();
    const cardId = await orderCard(call, 'o-l');
    const limits = { per_transaction: usd(2000), daily: null, monthly: usd(100_000) };
    expect((await call('cards/limits', { card_id: cardId, limits })).body.result).toEqual({
      card_id: cardId,
      limits,
    });
    expect(sandbox.cards()[0]?.limits).toEqual(limits);
    const eur = await call('cards/limits', {
      card_id: cardId,
      limits: { ...limits, daily: { amount: 1, currency: 'EUR' } },
    });
    expect(eur).toMatchObject({ status: 422, body: { error: { code: 'currency_mismatch' } } });
    const partial = await call('cards/limits', { card_id: cardId, limits: { daily: null } });
    expect(partial.status).toBe(400);
    sandbox.closeCard(cardId);
    expect((await call('cards/limits', { card_id: cardId, limits })).status).toBe(409);
  });

  it('reports the master account balance', async () => {
    const { call } = await sandboxFor({ masterBalance: usd(123_456) });
    expect((await call('account/balance')).body).toEqual({
      ok: true,
      result: { balance: usd(123_456), currency: 'USD' },
    });
  });
});
