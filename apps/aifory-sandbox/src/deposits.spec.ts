import { aiforyDepositSchema, verifyAiforySignature } from '@cardcoop/contracts';
import { describe, expect, it } from 'vitest';
import { HOOK_SECRET, orderCard, sandboxFor, usd, webhookReceiver } from './spec-support.js';

describe('aifory sandbox: deposits (top-ups)', () => {
  it('offers and calculates a top-up in the card currency and range', async () => {
    const { call } = await sandboxFor();
    const cardId = await orderCard(call, 'o-1');
    expect((await call('cards/deposit/offer', { card_id: cardId })).body.result).toEqual({
      min: usd(1000),
      max: usd(500000),
      fee_bps: 150,
      currency: 'USD',
    });
    expect(
      (await call('cards/deposit/calculate', { card_id: cardId, amount: usd(20_000) })).body.result,
    ).toEqual({ amount: usd(20_000), fee: usd(300), total: usd(20_300) });
    const big = await call('cards/deposit/calculate', { card_id: cardId, amount: usd(500_001) });
    expect(big).toMatchObject({ status: 422, body: { error: { code: 'amount_out_of_range' } } });
    expect((await call('cards/deposit/offer', { card_id: 'card_none' })).status).toBe(404);
  });

  it('completes at once by default: amount to the card, amount+fee off the master, webhooks', async () => {
    const { sandbox, call } = await sandboxFor();
    const cardId = await orderCard(call, 'o-1');
    const before = sandbox.masterBalance().amount;
    const answer = await call('cards/deposit/order', {
      request_id: 'dep-1',
      card_id: cardId,
      amount: usd(20_000),
    });
    const deposit = aiforyDepositSchema.parse(answer.body.result);
    expect(deposit).toMatchObject({
      request_id: 'dep-1',
      card_id: cardId,
      status: 'completed',
      amount: usd(20_000),
      fee: usd(300),
    });
    expect(sandbox.masterBalance().amount).toBe(before - 20_300);
    expect(sandbox.cards()[0]?.balance).toEqual(usd(20_000));
    expect(sandbox.transactions()).toEqual([
      expect.objectContaining({
        type: 'deposit',
        amount: usd(20_000),
        deposit_id: deposit.deposit_id,
      }),
    ]);
    await sandbox.idle();
    expect(sandbox.webhookDeliveries().map((d) => d.event.type)).toEqual([
      'transaction.created',
      'deposit.completed',
    ]);
    expect((await call('cards/deposit/status', { request_id: 'dep-1' })).body.result).toEqual(
      answer.body.result,
    );
    expect(await call('cards/deposit/status', { request_id: 'dep-2' })).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found' } },
    });
  });

  it('one charge for concurrent requests with the same request_id; another body is 409', async () => {
    const { sandbox, call } = await sandboxFor();
    const cardId = await orderCard(call, 'o-1');
    const before = sandbox.masterBalance().amount;
    const body = { request_id: 'dep-c', card_id: cardId, amount: usd(10_000) };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => call('cards/deposit/order', body)),
    );
    expect(new Set(answers.map((a) => a.body.result.deposit_id)).size).toBe(1);
    expect(sandbox.masterBalance().amount).toBe(before - 10_150);
    expect(sandbox.cards()[0]?.balance).toEqual(usd(10_000));
    expect(sandbox.deposits()).toHaveLength(1);
    const other = await call('cards/deposit/order', { ...body, amount: usd(10_001) });
    expect(other).toMatchObject({ status: 409, body: { error: { code: 'request_id_reused' } } });
  });

  it('refuses a deposit to a closed card, over the master balance, or in another currency', async () => {
    const { sandbox, call } = await sandboxFor({ masterBalance: usd(12_000) });
    const cardId = await orderCard(call, 'o-1');
    const tooMuch = await call('cards/deposit/order', {
      request_id: 'd1',
      card_id: cardId,
      amount: usd(11_400),
    });
    expect(tooMuch).toMatchObject({
      status: 409,
      body: { error: { code: 'insufficient_master_balance' } },
    });
    const eur = await call('cards/deposit/order', {
      request_id: 'd2',
      card_id: cardId,
      amount: { amount: 1000, currency: 'EUR' },
    });
    expect(eur.body.error.code).toBe('currency_mismatch');
    expect(sandbox.deposits()).toEqual([]);
    sandbox.closeCard(cardId);
    const closed = await call('cards/deposit/order', {
      request_id: 'd3',
      card_id: cardId,
      amount: usd(1000),
    });
    expect(closed).toMatchObject({ status: 409, body: { error: { code: 'card_closed' } } });
    expect(sandbox.masterBalance()).toEqual(usd(11_500));
  });

  it('async: answers pending, completes later with a signed deposit.completed webhook', async () => {
    const hook = await webhookReceiver();
    const { sandbox, call } = await sandboxFor({
      depositSettlement: 'async',
      depositSettlementDelayMs: 30,
      webhookUrl: hook.url,
      webhookSecret: HOOK_SECRET,
    });
    const cardId = await orderCard(call, 'o-1');
    const before = sandbox.masterBalance().amount;
    const body = { request_id: 'dep-a', card_id: cardId, amount: usd(10_000) };
    const answer = await call('cards/deposit/order', body);
    expect(answer.body.result.status).toBe('pending');
    // The money left the master account; the card does not have it yet.
    expect(sandbox.masterBalance().amount).toBe(before - 10_150);
    expect(sandbox.cards()[0]?.balance.amount).toBe(0);
    expect((await call('cards/deposit/status', { request_id: 'dep-a' })).body.result.status).toBe(
      'pending',
    );
    expect((await call('cards/deposit/order', body)).body.result.status).toBe('pending');
    await sandbox.idle();
    expect((await call('cards/deposit/status', { request_id: 'dep-a' })).body.result.status).toBe(
      'completed',
    );
    expect((await call('cards/deposit/order', body)).body.result.status).toBe('completed');
    expect(sandbox.cards()[0]?.balance.amount).toBe(10_000);
    expect(sandbox.masterBalance().amount).toBe(before - 10_150);
    const completed = hook.received.find((r) => JSON.parse(r.body).type === 'deposit.completed');
    expect(completed).toBeDefined();
    expect(
      await verifyAiforySignature(completed?.body ?? '', HOOK_SECRET, completed?.signature),
    ).toBe(true);
    expect(JSON.parse(completed?.body ?? '{}').data).toMatchObject({
      request_id: 'dep-a',
      status: 'completed',
    });
  });

  it('async: a card closed before settlement fails the deposit and returns the money', async () => {
    const { sandbox, call } = await sandboxFor({
      depositSettlement: 'async',
      depositSettlementDelayMs: 20,
    });
    const cardId = await orderCard(call, 'o-1');
    const before = sandbox.masterBalance().amount;
    await call('cards/deposit/order', {
      request_id: 'dep-x',
      card_id: cardId,
      amount: usd(10_000),
    });
    sandbox.closeCard(cardId);
    await sandbox.idle();
    expect(sandbox.deposits()[0]).toMatchObject({
      status: 'failed',
      failure_reason: 'card_closed',
    });
    expect(sandbox.masterBalance().amount).toBe(before);
    expect(sandbox.cards()[0]?.balance.amount).toBe(0);
    expect(sandbox.webhookDeliveries().map((d) => d.event.type)).toContain('deposit.failed');
  });

  it('close() drops deposits still pending', async () => {
    const { sandbox, call } = await sandboxFor({
      depositSettlement: 'async',
      depositSettlementDelayMs: 60_000,
    });
    const cardId = await orderCard(call, 'o-1');
    await call('cards/deposit/order', {
      request_id: 'dep-p',
      card_id: cardId,
      amount: usd(10_000),
    });
    await sandbox.close();
    expect(sandbox.deposits()[0]?.status).toBe('pending');
    await sandbox.idle();
  });
});
