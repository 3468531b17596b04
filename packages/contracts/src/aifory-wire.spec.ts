import { describe, expect, it } from 'vitest';
import {
  AIFORY_OPERATIONS,
  AIFORY_OPERATION_NAMES,
  aiforyCardSchema,
  aiforyDepositSchema,
  aiforyEnvelopeSchema,
  aiforyLimitsSchema,
  aiforyMoneySchema,
  aiforyOrderCardRequestSchema,
  aiforySignature,
  aiforyTransactionSchema,
  aiforyTransactionsRequestSchema,
  aiforyWebhookSchema,
  isAiforyOperation,
  verifyAiforySignature,
} from './aifory-wire.js';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const paths =
  (schema: { safeParse(v: unknown): { error?: { issues: { path: PropertyKey[] }[] } } }) =>
  (input: unknown) =>
    schema.safeParse(input).error?.issues.map((i) => i.path.join('.')) ?? [];

describe('aifory signature', () => {
  // RFC 4231, test case 2 (HMAC-SHA-512).
  const rfc4231 =
    '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737';

  it('is lowercase hex HMAC-SHA512 (RFC 4231 test case 2), for strings and bytes', async () => {
    expect(await aiforySignature('what do ya want for nothing?', 'Jefe')).toBe(rfc4231);
    const bytes = new TextEncoder().encode('what do ya want for nothing?');
    expect(await aiforySignature(bytes, 'Jefe')).toBe(rfc4231);
  });

  it('signs UTF-8 bytes, so a non-ASCII body signs as its encoding', async () => {
    const body = JSON.stringify({ holder_name: 'Пётр' });
    expect(await aiforySignature(body, 'k')).toBe(
      await aiforySignature(new TextEncoder().encode(body), 'k'),
    );
    expect(await aiforySignature(body, 'k')).not.toBe(await aiforySignature(body, 'K'));
  });

  it('verifies in any case and refuses a wrong, truncated, missing or array header', async () => {
    const data = 'what do ya want for nothing?';
    expect(await verifyAiforySignature(data, 'Jefe', rfc4231)).toBe(true);
    expect(await verifyAiforySignature(data, 'Jefe', rfc4231.toUpperCase())).toBe(true);
    expect(await verifyAiforySignature(`${data} `, 'Jefe', rfc4231)).toBe(false);
    expect(await verifyAiforySignature(data, 'jefe', rfc4231)).toBe(false);
    expect(await verifyAiforySignature(data, 'Jefe', rfc4231.slice(0, -1))).toBe(false);
    expect(await verifyAiforySignature(data, 'Jefe', `${rfc4231.slice(0, -1)}8`)).toBe(false);
    expect(await verifyAiforySignature(data, 'Jefe', undefined)).toBe(false);
    expect(await verifyAiforySignature(data, 'Jefe', null)).toBe(false);
    expect(await verifyAiforySignature(data, 'Jefe', [rfc4231])).toBe(false);
  });
});

describe('aifory wire schemas', () => {
  it('money is non-negative integer minor units with a 3-letter currency', () => {
    const issues = paths(aiforyMoneySchema);
    expect(issues(usd(1050))).toEqual([]);
    expect(issues(usd(10.5))).toEqual(['amount']);
    expect(issues(usd(-1))).toEqual(['amount']);
    expect(issues({ amount: 1, currency: 'usd' })).toEqual(['currency']);
    expect(issues({ amount: 1, currency: 'USDT' })).toEqual(['currency']);
  });

  it('an order needs a request id, a Latin holder name and refuses unknown fields', () => {
    const issues = paths(aiforyOrderCardRequestSchema);
    const order = {
      request_id: '0b7a9c1e-4f6d-4c1a-9d3e-1f2a3b4c5d6e',
      offer_id: 'offer_usd',
      holder_name: 'IVAN PETROV',
      external_ref: 'member-1',
    };
    expect(issues(order)).toEqual([]);
    expect(issues({ ...order, initial_amount: usd(1000) })).toEqual([]);
    expect(issues({ ...order, holder_name: 'Иван Петров' })).toEqual(['holder_name']);
    expect(issues({ ...order, request_id: 'has space' })).toEqual(['request_id']);
    expect(issues({ ...order, request_id: undefined })).toEqual(['request_id']);
    expect(issues({ ...order, extra: 1 })).toEqual(['']);
  });

  it('limits are money or null; transactions requests page by limit 1..100', () => {
    expect(
      aiforyLimitsSchema.parse({ per_transaction: usd(100), daily: null, monthly: null }),
    ).toEqual({ per_transaction: usd(100), daily: null, monthly: null });
    expect(paths(aiforyLimitsSchema)({ per_transaction: usd(1), daily: null })).toEqual([
      'monthly',
    ]);
    const tx = paths(aiforyTransactionsRequestSchema);
    expect(tx({ card_id: 'c', limit: 100, from: '2026-01-01T00:00:00Z' })).toEqual([]);
    expect(tx({ card_id: 'c', limit: 101 })).toEqual(['limit']);
    expect(tx({ card_id: 'c', from: 'yesterday' })).toEqual(['from']);
  });

  it('results keep the known fields and drop additions', () => {
    const card = {
      card_id: 'card_1',
      last4: '4242',
      status: 'active',
      balance: usd(0),
      limits: { per_transaction: null, daily: null, monthly: null },
      new_field: true,
    };
    expect(aiforyCardSchema.parse(card)).not.toHaveProperty('new_field');
    expect(paths(aiforyCardSchema)({ ...card, status: 'lost' })).toEqual(['status']);
    expect(paths(aiforyCardSchema)({ ...card, last4: '42' })).toEqual(['last4']);
  });

  it('the envelope is ok+result or error{code,message}', () => {
    const envelope = aiforyEnvelopeSchema(aiforyCardSchema);
    expect(
      envelope.safeParse({ ok: false, error: { code: 'not_found', message: 'x' } }).success,
    ).toBe(true);
    expect(envelope.safeParse({ ok: true, result: { card_id: 'x' } }).success).toBe(false);
    expect(envelope.safeParse({ ok: false, error: { message: 'x' } }).success).toBe(false);
  });

  it('webhooks are typed by their type', () => {
    const transaction = {
      transaction_id: 'txn_1',
      card_id: 'card_1',
      type: 'purchase',
      status: 'declined',
      amount: usd(500),
      merchant: { name: 'Shop', mcc: '5411', country: 'US' },
      decline_reason: 'card_frozen',
      created_at: '2026-12-06T01:00:00.000Z',
    };
    expect(aiforyTransactionSchema.parse(transaction)).toEqual(transaction);
    const base = { event_id: 'evt_1', created_at: '2026-12-06T01:00:00.000Z' };
    expect(
      aiforyWebhookSchema.safeParse({ ...base, type: 'transaction.created', data: transaction })
        .success,
    ).toBe(true);
    expect(
      aiforyWebhookSchema.safeParse({ ...base, type: 'deposit.completed', data: transaction })
        .success,
    ).toBe(false);
    const deposit = {
      deposit_id: 'dep_1',
      request_id: 'r1',
      card_id: 'card_1',
      status: 'failed',
      amount: usd(1000),
      fee: usd(15),
      failure_reason: 'card_closed',
    };
    expect(aiforyDepositSchema.parse(deposit)).toEqual(deposit);
    expect(
      aiforyWebhookSchema.safeParse({ ...base, type: 'deposit.failed', data: deposit }).success,
    ).toBe(true);
    expect(aiforyWebhookSchema.safeParse({ ...base, type: 'card.deleted', data: {} }).success).toBe(
      false,
    );
  });

  it('the operation table covers ADR 021 and marks the two money calls', () => {
    expect(AIFORY_OPERATION_NAMES).toHaveLength(16);
    expect(AIFORY_OPERATION_NAMES.filter((name) => AIFORY_OPERATIONS[name].money).sort()).toEqual([
      'cards/deposit/order',
      'cards/order',
    ]);
    expect(AIFORY_OPERATION_NAMES.every((name) => AIFORY_OPERATIONS[name].idempotent)).toBe(true);
    expect(isAiforyOperation('cards/freeze')).toBe(true);
    expect(isAiforyOperation('toString')).toBe(false);
    expect(AIFORY_OPERATIONS['cards/offers'].request.safeParse({}).success).toBe(true);
  });
});
