import { describe, expect, it } from 'vitest';
import { SandboxFaults, parseSandboxFault } from './faults.js';
import { orderCard, sandboxFor, usd, webhookReceiver } from './spec-support.js';

describe('aifory sandbox: faults', () => {
  it('error500 answers 500 without applying, for the given operation and count', async () => {
    const { sandbox, call } = await sandboxFor();
    const cardId = await orderCard(call, 'o-1');
    const before = sandbox.masterBalance().amount;
    sandbox.faults.inject({ mode: 'error500', operation: 'cards/deposit/order', count: 2 });
    expect((await call('cards/offers')).status).toBe(200);
    const body = { request_id: 'd-1', card_id: cardId, amount: usd(1000) };
    for (let i = 0; i < 2; i += 1) {
      expect(await call('cards/deposit/order', body)).toMatchObject({
        status: 500,
        body: { ok: false, error: { code: 'internal_error' } },
      });
    }
    expect(sandbox.masterBalance().amount).toBe(before);
    expect(sandbox.deposits()).toEqual([]);
    expect((await call('cards/deposit/order', body)).body.result.status).toBe('completed');
    expect(sandbox.faults.list()).toEqual([]);
    expect(sandbox.requests().filter((r) => r.fault === 'error500')).toHaveLength(2);
  });

  it('timeout applies the money call and never answers; the retry gets the result, one charge', async () => {
    const { sandbox, call } = await sandboxFor();
    const cardId = await orderCard(call, 'o-1');
    const before = sandbox.masterBalance().amount;
    sandbox.faults.inject({ mode: 'timeout', operation: 'cards/deposit/order' });
    const body = { request_id: 'd-t', card_id: cardId, amount: usd(10_000) };
    await expect(
      call('cards/deposit/order', body, { signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    // The money moved although the caller does not know.
    expect(sandbox.masterBalance().amount).toBe(before - 10_150);
    expect(sandbox.cards()[0]?.balance.amount).toBe(10_000);
    expect((await call('cards/deposit/status', { request_id: 'd-t' })).body.result.status).toBe(
      'completed',
    );
    const retry = await call('cards/deposit/order', body);
    expect(retry.body.result).toMatchObject({ request_id: 'd-t', status: 'completed' });
    expect(sandbox.masterBalance().amount).toBe(before - 10_150);
    expect(sandbox.requests().map((r) => r.status)).toContain('timeout');
  });

  it('timeout on an order: the card exists, the same request_id returns it', async () => {
    const { sandbox, call } = await sandboxFor();
    sandbox.faults.inject({ mode: 'timeout' });
    const order = {
      request_id: 'o-t',
      offer_id: 'offer_usd_virtual',
      holder_name: 'A B',
      external_ref: 'm',
    };
    await expect(
      call('cards/order', order, { signal: AbortSignal.timeout(150) }),
    ).rejects.toThrow();
    expect(sandbox.cards()).toHaveLength(1);
    const again = await call('cards/order', order);
    expect(again.body.result.card_id).toBe(sandbox.cards()[0]?.card_id);
    expect(sandbox.masterBalance().amount).toBe(10_000_000 - 500);
  });

  it('close() drops a held request', async () => {
    const { sandbox, call } = await sandboxFor();
    sandbox.faults.inject({ mode: 'timeout' });
    const pending = call('account/balance');
    while (!sandbox.requests().some((r) => r.status === 'timeout')) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await sandbox.close();
    await expect(pending).rejects.toThrow();
  });

  it('slow applies and answers after delayMs', async () => {
    const { sandbox, call } = await sandboxFor();
    const cardId = await orderCard(call, 'o-1');
    sandbox.faults.inject({ mode: 'slow', delayMs: 150 });
    const started = Date.now();
    let answered = false;
    const pending = call('cards/freeze', { card_id: cardId }).finally(() => {
      answered = true;
    });
    // Applied at once, answered only after the delay.
    while (sandbox.cards()[0]?.status !== 'frozen') {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(answered).toBe(false);
    expect(sandbox.requests()).toHaveLength(1);
    const answer = await pending;
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(answer.body.result.status).toBe('frozen');
    await call('cards/unfreeze', { card_id: cardId });
    expect(sandbox.requests().map((r) => r.fault)).toEqual([undefined, 'slow', undefined]);
  });

  it('duplicate_webhook sends the next event twice with the same event_id', async () => {
    const hook = await webhookReceiver();
    const { sandbox, call } = await sandboxFor({ webhookUrl: hook.url });
    const cardId = await orderCard(call, 'o-1');
    sandbox.faults.inject({ mode: 'duplicate_webhook', operation: 'card.status_changed' });
    sandbox.purchase(cardId, 1);
    await call('cards/freeze', { card_id: cardId });
    await call('cards/unfreeze', { card_id: cardId });
    await sandbox.idle();
    const ids = hook.received.map((r) => JSON.parse(r.body) as { event_id: string; type: string });
    expect(ids.map((e) => e.type)).toEqual([
      'transaction.created',
      'card.status_changed',
      'card.status_changed',
      'card.status_changed',
    ]);
    expect(ids[1]?.event_id).toBe(ids[2]?.event_id);
    expect(ids[3]?.event_id).not.toBe(ids[1]?.event_id);
    expect(hook.received[1]?.body).toBe(hook.received[2]?.body);
  });

  it('deposit_failed fails the next deposit: money stays on the master, deposit.failed', async () => {
    const { sandbox, call } = await sandboxFor();
    const cardId = await orderCard(call, 'o-1');
    const before = sandbox.masterBalance().amount;
    sandbox.faults.inject({ mode: 'deposit_failed' });
    const answer = await call('cards/deposit/order', {
      request_id: 'd-f',
      card_id: cardId,
      amount: usd(5000),
    });
    expect(answer.body.result).toMatchObject({
      status: 'failed',
      failure_reason: 'provider_declined',
    });
    expect(sandbox.masterBalance().amount).toBe(before);
    expect(sandbox.cards()[0]?.balance.amount).toBe(0);
    await sandbox.idle();
    expect(sandbox.webhookDeliveries().map((d) => d.event.type)).toEqual(['deposit.failed']);
    const next = await call('cards/deposit/order', {
      request_id: 'd-g',
      card_id: cardId,
      amount: usd(5000),
    });
    expect(next.body.result.status).toBe('completed');
  });

  it('clear() removes every fault; a bad fault is refused', () => {
    const faults = new SandboxFaults();
    faults.inject({ mode: 'slow', count: 3 });
    faults.inject({ mode: 'error500', operation: 'cards/order' });
    expect(faults.list()).toEqual([
      { mode: 'slow', operation: null, remaining: 3, delayMs: 1000 },
      { mode: 'error500', operation: 'cards/order', remaining: 1, delayMs: 1000 },
    ]);
    expect(faults.take(['error500'], 'cards/list')).toBeUndefined();
    faults.clear();
    expect(faults.list()).toEqual([]);
    expect(() => parseSandboxFault({ mode: 'explode' })).toThrow(/mode/);
    expect(() =>
      parseSandboxFault({ mode: 'slow', count: 0, delayMs: -1, operation: '', x: 1 }),
    ).toThrow(/x, operation, count, delayMs/);
    expect(() => parseSandboxFault(null)).toThrow(/mode/);
  });
});

describe('aifory sandbox: control API', () => {
  it('injects and clears faults, purchases and shows state over signed HTTP', async () => {
    const { sandbox, call } = await sandboxFor({ controlApi: true });
    const cardId = await orderCard(call, 'o-1', 5000);
    const injected = await call('_sandbox/faults', {
      mode: 'error500',
      operation: 'cards/list',
      count: 3,
    });
    expect(injected.body.result.faults).toEqual([
      { mode: 'error500', operation: 'cards/list', remaining: 3, delayMs: 1000 },
    ]);
    expect((await call('cards/list')).status).toBe(500);
    expect(
      (await call('_sandbox/faults', {}, { method: 'GET' })).body.result.faults[0].remaining,
    ).toBe(2);
    expect((await call('_sandbox/faults', { clear: true })).body.result.faults).toEqual([]);
    expect((await call('cards/list')).status).toBe(200);
    expect((await call('_sandbox/faults', null)).status).toBe(400);
    expect(await call('_sandbox/faults', { mode: 'nope' })).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_request' } },
    });

    const bought = await call('_sandbox/purchase', {
      card_id: cardId,
      amount: 1200,
      merchant: 'Shop',
    });
    expect(bought.body.result).toMatchObject({ status: 'approved', amount: usd(1200) });
    const money = await call('_sandbox/purchase', {
      card_id: cardId,
      amount: usd(100),
      merchant: { name: 'Shop', mcc: '5411' },
    });
    expect(money.body.result.merchant).toEqual({ name: 'Shop', mcc: '5411' });
    for (const bad of [
      { amount: 1 },
      { card_id: cardId, amount: 'x' },
      { card_id: cardId, amount: 1, merchant: { mcc: 1 } },
    ]) {
      expect((await call('_sandbox/purchase', bad)).status).toBe(400);
    }
    expect((await call('_sandbox/purchase', { card_id: 'card_none', amount: 1 })).status).toBe(404);

    const state = (await call('_sandbox/state', {}, { method: 'GET' })).body.result;
    expect(state.cards[0]).toMatchObject({
      card_id: cardId,
      pan: sandbox.cards()[0]?.pan,
      balance: usd(3700),
    });
    expect(state.master_balance).toEqual(sandbox.masterBalance());
    expect(state.transactions).toHaveLength(3);
    expect(state).toHaveProperty('deposits');
    expect(state).toHaveProperty('webhook_deliveries');
    expect((await call('_sandbox/nothing')).status).toBe(404);
  });
});
