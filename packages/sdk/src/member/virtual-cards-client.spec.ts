import { describe, expect, it } from 'vitest';
import type { RequestOptions } from '../http.js';
import type { MemberSessionManager } from '../session/manager.js';
import { createVirtualCardsClient } from './virtual-cards-client.js';

const CARD_ID = '11111111-1111-4111-8111-111111111111';
const OPERATION_ID = '22222222-2222-4222-8222-222222222222';
const NOW = '2026-12-06T01:00:00.000Z';

const card = {
  card_id: CARD_ID,
  coopname: 'coopcards',
  last4: '4242',
  status: 'active',
  balance: { amount: 10_000, currency: 'USD' },
  limits: { per_transaction: null, daily: 50_000, monthly: null },
  pending_top_ups: 0,
  issued_at: NOW,
  revision: 1,
};
const topUp = {
  operation_id: OPERATION_ID,
  card_id: CARD_ID,
  status: 'pending',
  amount: { amount: 5_000, currency: 'USD' },
  fee: { amount: 50, currency: 'USD' },
  failure: null,
  created_at: NOW,
  settled_at: null,
};

interface Call {
  path: string;
  options: RequestOptions;
}

/** A session that records the requests and answers them in turn (the wire is the server's). */
function fakeSession(...answers: unknown[]) {
  const calls: Call[] = [];
  const session = {
    request: (path: string, options: RequestOptions = {}) => {
      calls.push({ path, options });
      return Promise.resolve(answers.length > 1 ? answers.shift() : answers[0]);
    },
  } as unknown as MemberSessionManager;
  return { calls, client: createVirtualCardsClient(session) };
}

describe('member.virtualCards', () => {
  it('lists the cards, reads one and the eligibility, parsed with the contracts', async () => {
    const eligibility = {
      items: [
        {
          coopname: 'coopcards',
          display_name: 'ПК Карты',
          eligible: false,
          reasons: ['kyc_not_shared'],
          issue_fee: { amount: 500, currency: 'USD' },
          top_up_fee_bps: 100,
          kyc: { coopname: 'coopoperator', fields: ['first_name', 'last_name'] },
        },
      ],
    };
    const { calls, client } = fakeSession({ items: [card] }, card, eligibility);
    expect(await client.list()).toEqual([card]);
    expect(await client.get(CARD_ID)).toEqual(card);
    expect((await client.eligibility()).items[0]!.reasons).toEqual(['kyc_not_shared']);
    expect(calls.map((call) => call.path)).toEqual([
      '/api/v1/aifory/cards',
      `/api/v1/aifory/cards/${CARD_ID}`,
      '/api/v1/aifory/eligibility',
    ]);
  });

  it('refuses an answer that does not match the contract (INVALID_RESPONSE)', async () => {
    const { client } = fakeSession({ items: [{ ...card, last4: '42' }] });
    await expect(client.list()).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  it('issues with the given Idempotency-Key, or a fresh UUID per call', async () => {
    const issued = { operation_id: OPERATION_ID, status: 'pending', card: null };
    const { calls, client } = fakeSession(issued);
    const input = { coopname: 'coopcards', holder_name: 'IVAN PETROV' };
    expect(await client.issue(input, { idempotencyKey: 'retry-key-0001' })).toEqual(issued);
    await client.issue(input);
    await client.issue(input);
    expect(calls[0]).toEqual({
      path: '/api/v1/aifory/issue-card',
      options: { method: 'POST', body: input, headers: { 'idempotency-key': 'retry-key-0001' } },
    });
    const made = calls.slice(1).map((call) => call.options.headers?.['idempotency-key']);
    for (const key of made) expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(made[0]).not.toBe(made[1]);
  });

  it('tops up in minor units with a key, and follows the operation', async () => {
    const { calls, client } = fakeSession(topUp, {
      ...topUp,
      status: 'confirmed',
      settled_at: NOW,
    });
    const amount = { amount: 5_000, currency: 'USD' };
    expect(
      (await client.topUp({ cardId: CARD_ID, amount }, { idempotencyKey: 'k-12345678' })).status,
    ).toBe('pending');
    expect((await client.operation(OPERATION_ID)).status).toBe('confirmed');
    expect(calls[0]).toEqual({
      path: '/api/v1/aifory/top-up',
      options: {
        method: 'POST',
        body: { card_id: CARD_ID, amount },
        headers: { 'idempotency-key': 'k-12345678' },
      },
    });
    expect(calls[1]!.path).toBe(`/api/v1/aifory/operations/${OPERATION_ID}`);
  });

  it('reads the details, the transactions with filters, freezes, unfreezes and sets limits', async () => {
    const details = {
      card_id: CARD_ID,
      pan: '4000001234564242',
      expiry: '12/29',
      cvv: '123',
      holder_name: 'IVAN PETROV',
      billing_address: null,
    };
    const page = {
      items: [
        {
          transaction_id: 't1',
          type: 'purchase',
          status: 'declined',
          amount: { amount: 1_000, currency: 'USD' },
          merchant: 'Shop',
          decline_reason: 'card_frozen',
          created_at: NOW,
        },
      ],
      next_cursor: 'c2',
    };
    const { calls, client } = fakeSession(details, page, card, card, card);
    expect((await client.details(CARD_ID)).pan).toBe('4000001234564242');
    expect(
      (await client.transactions(CARD_ID, { from: '2026-12-01', status: 'declined', cursor: 'c1' }))
        .next_cursor,
    ).toBe('c2');
    await client.freeze(CARD_ID);
    await client.unfreeze(CARD_ID);
    const limits = { per_transaction: 10_000, daily: null, monthly: null };
    await client.setLimits(CARD_ID, limits, 3);
    expect(calls.map(({ path, options }) => [options.method ?? 'GET', path, options.body])).toEqual(
      [
        ['GET', `/api/v1/aifory/card-details/${CARD_ID}`, undefined],
        [
          'GET',
          `/api/v1/aifory/transactions/${CARD_ID}?from=2026-12-01&status=declined&cursor=c1`,
          undefined,
        ],
        ['POST', `/api/v1/aifory/cards/${CARD_ID}/freeze`, undefined],
        ['POST', `/api/v1/aifory/cards/${CARD_ID}/unfreeze`, undefined],
        ['PUT', `/api/v1/aifory/cards/${CARD_ID}/limits`, { limits, expected_revision: 3 }],
      ],
    );
  });
});
