import { startAiforySandbox, type AiforySandbox } from '@cardcoop/aifory-sandbox';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AiforyError, AiforyOutcomeUnknown, AiforyUnavailable } from './aifory-errors.js';
import { AiforyMetrics } from './aifory-metrics.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { HttpAiforyProvider } from './http-aifory.provider.js';

const apiKey = 'provider-spec-key';
const apiSecret = 'provider-spec-secret-0123456789';
const usd = (amount: number) => ({ amount, currency: 'USD' });

let sandbox: AiforySandbox;
let registry: Registry;
let metrics: AiforyMetrics;
let clock: { time: number; now: () => number };
let breaker: CircuitBreaker;
let requestNo = 0;
const requestId = () => `spec-${process.pid}-${(requestNo += 1)}`;

function provider(overrides: Partial<ConstructorParameters<typeof HttpAiforyProvider>[0]> = {}) {
  return new HttpAiforyProvider({
    baseUrl: sandbox.url,
    apiKey,
    apiSecret,
    timeoutMs: 300,
    backoffMs: 5,
    breaker,
    metrics,
    ...overrides,
  });
}

/** Attempts the sandbox saw of an operation since the test began. */
const seen = (operation: string, since: number) =>
  sandbox
    .requests()
    .slice(since)
    .filter((record) => record.operation === operation);

async function counter(operation: string, outcome: string): Promise<number> {
  const metric = await registry.getSingleMetric('aifory_calls_total')?.get();
  const value = metric?.values.find(
    (entry) => entry.labels.operation === operation && entry.labels.outcome === outcome,
  );
  return value?.value ?? 0;
}

async function issueCard(aifory: HttpAiforyProvider, initial = 5_000) {
  return aifory.orderCard({
    requestId: requestId(),
    offerId: 'offer_usd_virtual',
    holderName: 'IVAN PETROV',
    externalRef: 'member-card-1',
    initialAmount: usd(initial),
  });
}

beforeAll(async () => {
  sandbox = await startAiforySandbox({ port: 0, apiKey, apiSecret });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.faults.clear();
  registry = new Registry();
  metrics = new AiforyMetrics(registry);
  clock = { time: 1_000_000, now: () => clock.time };
  breaker = new CircuitBreaker({
    failureThreshold: 2,
    coolDownMs: 1_000,
    clock,
    onStateChange: (state) => metrics.breakerState(state),
  });
});

describe('HttpAiforyProvider against the sandbox', () => {
  it('is accepted with the right signature and maps every operation to camelCase', async () => {
    const aifory = provider();
    const masterBefore = sandbox.masterBalance();
    const [offer] = await aifory.offers();
    expect(offer).toMatchObject({
      offerId: 'offer_usd_virtual',
      currency: 'USD',
      topupFeeBps: 150,
    });
    expect(offer?.issueFee).toEqual(usd(500));
    const quote = await aifory.calculate('offer_usd_virtual', usd(10_000));
    expect(quote.offerId).toBe('offer_usd_virtual');
    expect(quote.total.amount).toBe(quote.amount.amount + quote.fee.amount);

    const card = await issueCard(aifory, 10_000);
    expect(card).toMatchObject({ status: 'active', balance: usd(10_000) });
    expect(card.last4).toMatch(/^\d{4}$/);
    const held = sandbox.cards().find((entry) => entry.card_id === card.cardId);
    expect(held?.pan.slice(-4)).toBe(card.last4);
    expect(sandbox.masterBalance().amount).toBe(masterBefore.amount - quote.total.amount);

    const listed = await aifory.listCards([card.cardId]);
    expect(listed).toEqual([
      {
        cardId: card.cardId,
        last4: card.last4,
        status: 'active',
        balance: usd(10_000),
        limits: { perTransaction: null, daily: null, monthly: null },
      },
    ]);
    const requisites = await aifory.requisites(card.cardId);
    expect(requisites).toMatchObject({
      cardId: card.cardId,
      pan: held?.pan,
      cvv: held?.cvv,
      expiry: held?.expiry,
      holderName: 'IVAN PETROV',
    });
    expect(requisites.billingAddress.postalCode).toBeTypeOf('string');

    const depositOffer = await aifory.depositOffer(card.cardId);
    expect(depositOffer).toMatchObject({ currency: 'USD', feeBps: 150 });
    const depositQuote = await aifory.depositCalculate(card.cardId, usd(2_000));
    expect(depositQuote).toEqual({ amount: usd(2_000), fee: usd(30), total: usd(2_030) });
    const id = requestId();
    const deposit = await aifory.orderDeposit({
      requestId: id,
      cardId: card.cardId,
      amount: usd(2_000),
    });
    expect(deposit).toMatchObject({
      requestId: id,
      cardId: card.cardId,
      status: 'completed',
      amount: usd(2_000),
      fee: usd(30),
      failureReason: null,
    });
    expect(await aifory.depositStatus(id)).toEqual(deposit);

    const limits = { perTransaction: usd(1_500), daily: null, monthly: usd(50_000) };
    expect(await aifory.setLimits(card.cardId, limits)).toEqual({ cardId: card.cardId, limits });
    const bought = sandbox.purchase(card.cardId, 1_200, 'Coffee Shop');
    const declined = sandbox.purchase(card.cardId, 1_600, 'Big Store');
    expect(declined.decline_reason).toBe('per_transaction_limit');
    const page = await aifory.transactions({ cardId: card.cardId, limit: 50 });
    const purchase = page.items.find((item) => item.transactionId === bought.transaction_id);
    expect(purchase).toMatchObject({
      cardId: card.cardId,
      type: 'purchase',
      status: 'approved',
      amount: usd(1_200),
      merchant: { name: 'Coffee Shop' },
      declineReason: null,
    });
    expect(purchase?.createdAt).toBeInstanceOf(Date);
    expect(await aifory.transaction(declined.transaction_id)).toMatchObject({
      status: 'declined',
      declineReason: 'per_transaction_limit',
    });

    expect(await aifory.freeze(card.cardId)).toEqual({ cardId: card.cardId, status: 'frozen' });
    expect(await aifory.unfreeze(card.cardId)).toEqual({ cardId: card.cardId, status: 'active' });
    expect(await aifory.masterBalance()).toEqual(sandbox.masterBalance());
    expect(await counter('cards/order', 'ok')).toBe(1);
  });

  it('a wrong secret is a definite refusal: AiforyError unauthorized, not retried', async () => {
    const since = sandbox.requests().length;
    const error = await provider({ apiSecret: 'not-the-secret-0123456789' })
      .offers()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AiforyError);
    expect(error).toMatchObject({ code: 'unauthorized', status: 401, retryable: false });
    expect(seen('cards/offers', since)).toHaveLength(1);
    expect(breaker.state).toBe('closed');
  });

  it('retries an idempotent read after a 500 and succeeds', async () => {
    const since = sandbox.requests().length;
    sandbox.faults.inject({ mode: 'error500', operation: 'cards/offers', count: 1 });
    await expect(provider().offers()).resolves.toHaveLength(1);
    expect(seen('cards/offers', since).map((record) => record.status)).toEqual([500, 200]);
    expect(await counter('cards/offers', 'server_error')).toBe(1);
    expect(await counter('cards/offers', 'ok')).toBe(1);
  });

  it('gives up after two retries with AiforyUnavailable', async () => {
    const since = sandbox.requests().length;
    sandbox.faults.inject({ mode: 'error500', operation: 'account/balance', count: 5 });
    const error = await provider()
      .masterBalance()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AiforyUnavailable);
    expect(error).not.toBeInstanceOf(AiforyOutcomeUnknown);
    expect(error).toMatchObject({ reason: 'server_error', retryable: true });
    expect(seen('account/balance', since)).toHaveLength(3);
  });

  it('does not retry a business error (4xx)', async () => {
    const aifory = provider();
    const since = sandbox.requests().length;
    const error = await aifory.requisites('card_missing').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'AiforyError', code: 'not_found', status: 404 });
    expect(seen('cards/requisites', since)).toHaveLength(1);

    const card = await issueCard(aifory);
    sandbox.setMasterBalance(10);
    const before = sandbox.requests().length;
    const refused = await aifory
      .orderDeposit({ requestId: requestId(), cardId: card.cardId, amount: usd(2_000) })
      .catch((caught: unknown) => caught);
    sandbox.setMasterBalance(10_000_000);
    expect(refused).toMatchObject({ code: 'insufficient_master_balance', retryable: false });
    expect(seen('cards/deposit/order', before)).toHaveLength(1);
  });

  it('a money call retried after a timeout gets the first result: the money moves once', async () => {
    const aifory = provider();
    const card = await issueCard(aifory);
    sandbox.faults.inject({ mode: 'timeout', operation: 'cards/deposit/order', count: 1 });
    const id = requestId();
    const deposit = await aifory.orderDeposit({
      requestId: id,
      cardId: card.cardId,
      amount: usd(2_000),
    });
    expect(deposit.status).toBe('completed');
    expect(sandbox.deposits().filter((entry) => entry.request_id === id)).toHaveLength(1);
    const held = sandbox.cards().find((entry) => entry.card_id === card.cardId);
    expect(held?.balance).toEqual(usd(7_000));
  });

  it('a money call that times out every time is AiforyOutcomeUnknown; depositStatus tells', async () => {
    const aifory = provider();
    const card = await issueCard(aifory);
    const masterBefore = sandbox.masterBalance().amount;
    sandbox.faults.inject({ mode: 'timeout', operation: 'cards/deposit/order', count: 3 });
    const id = requestId();
    const error = await aifory
      .orderDeposit({ requestId: id, cardId: card.cardId, amount: usd(2_000) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AiforyOutcomeUnknown);
    expect(error).toMatchObject({ reason: 'timeout', requestId: id, retryable: true });
    expect(await counter('cards/deposit/order', 'timeout')).toBe(3);
    // The money moved on the provider's side, once, although we never heard.
    expect(sandbox.masterBalance().amount).toBe(masterBefore - 2_030);
    expect(await aifory.depositStatus(id)).toMatchObject({
      requestId: id,
      status: 'completed',
      amount: usd(2_000),
      fee: usd(30),
    });
    const missing = await aifory.depositStatus(requestId()).catch((caught: unknown) => caught);
    expect(missing).toMatchObject({ code: 'not_found' });
  });

  it('a money call that never left (connection refused) is plain AiforyUnavailable', async () => {
    const closed = await startAiforySandbox({ port: 0, apiKey, apiSecret });
    const url = closed.url;
    await closed.close();
    const error = await provider({ baseUrl: url })
      .orderDeposit({ requestId: requestId(), cardId: 'card_x', amount: usd(2_000) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AiforyUnavailable);
    expect(error).not.toBeInstanceOf(AiforyOutcomeUnknown);
    expect(error).toMatchObject({ reason: 'network' });
  });

  it('opens the breaker after N failed calls, fails fast, half-opens after the cool-down', async () => {
    const aifory = provider();
    sandbox.faults.inject({ mode: 'error500', operation: 'cards/list', count: 100 });
    for (let call = 0; call < 2; call += 1) {
      await expect(aifory.listCards()).rejects.toMatchObject({ reason: 'server_error' });
    }
    expect(breaker.state).toBe('open');
    const since = sandbox.requests().length;
    clock.time += 400;
    const fast = await aifory.offers().catch((caught: unknown) => caught);
    expect(fast).toBeInstanceOf(AiforyUnavailable);
    expect(fast).toMatchObject({ reason: 'circuit_open', retryAfterSeconds: 0.6 });
    expect(sandbox.requests().length).toBe(since);
    expect(await counter('cards/offers', 'circuit_open')).toBe(1);
    expect(await registry.getSingleMetricAsString('aifory_circuit_breaker_state')).toMatch(/ 2$/);

    clock.time += 600;
    expect(breaker.state).toBe('half_open');
    await expect(aifory.listCards()).rejects.toMatchObject({ reason: 'server_error' });
    expect(breaker.state).toBe('open');
    clock.time += 1_000;
    sandbox.faults.clear();
    await expect(aifory.listCards()).resolves.toBeInstanceOf(Array);
    expect(breaker.state).toBe('closed');
    expect(await registry.getSingleMetricAsString('aifory_circuit_breaker_state')).toMatch(/ 0$/);
  });

  it('a malformed answer is a provider error, not a crash', async () => {
    const answers: Array<[number, string]> = [];
    const fetch = (async () => {
      const [status, body] = answers.shift() ?? [200, '{}'];
      return new Response(body, { status });
    }) as typeof globalThis.fetch;
    const aifory = provider({ fetch });
    answers.push([200, JSON.stringify({ ok: true, result: [{ offer_id: 7 }] })]);
    await expect(aifory.offers()).rejects.toMatchObject({
      name: 'AiforyUnavailable',
      reason: 'malformed',
    });
    answers.push([502, '<html>bad gateway</html>'], [200, 'not json'], [200, '{"ok":true}']);
    const id = requestId();
    const error = await aifory
      .orderDeposit({ requestId: id, cardId: 'card_1', amount: usd(2_000) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AiforyOutcomeUnknown);
    expect(error).toMatchObject({ reason: 'malformed', requestId: id });
    expect(answers).toEqual([[200, '{"ok":true}']]); // the 502 was retried, the bad body not
    expect(await counter('cards/offers', 'malformed')).toBe(1);
    // Two failed calls in a row: the breaker is open now.
    await expect(aifory.masterBalance()).rejects.toMatchObject({ reason: 'circuit_open' });
    clock.time += 1_000;
    answers.length = 0;
    answers.push([404, '<html>not here</html>']);
    await expect(aifory.masterBalance()).rejects.toMatchObject({ reason: 'malformed' });
  });

  it('metrics labels carry operation names and outcomes only, never card digits', async () => {
    const aifory = provider();
    const card = await issueCard(aifory);
    const requisites = await aifory.requisites(card.cardId);
    await aifory.requisites('card_missing').catch(() => undefined);
    const text = await registry.metrics();
    expect(text).not.toContain(requisites.pan);
    expect(text).not.toContain(card.cardId);
    const labels = [...text.matchAll(/(\w+)="([^"]*)"/g)].filter(([, name]) => name !== 'le');
    expect(labels.length).toBeGreaterThan(0);
    for (const [, name, value] of labels) {
      expect(['operation', 'outcome']).toContain(name);
      expect(value).toMatch(/^[a-z_/]+$/);
    }
  });
});
