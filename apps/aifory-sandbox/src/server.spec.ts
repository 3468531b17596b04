import { aiforySignature } from '@cardcoop/contracts';
import { describe, expect, it } from 'vitest';
import { startAiforySandbox } from './sandbox.js';
import { KEY, SECRET, sandboxFor } from './spec-support.js';

async function raw(url: string, body: string, headers: Record<string, string>, method = 'POST') {
  const response = await fetch(url, {
    method,
    headers,
    ...(method === 'GET' ? {} : { body }),
  });
  return { status: response.status, body: await response.json() };
}

describe('aifory sandbox: auth and the HTTP face', () => {
  it('refuses a missing or wrong API-Key or Signature with 401 unauthorized', async () => {
    const { sandbox } = await sandboxFor();
    const url = `${sandbox.url}/cards/offers`;
    const body = '{}';
    const good = await aiforySignature(body, SECRET);
    const cases: Record<string, string>[] = [
      {},
      { 'API-Key': KEY },
      { Signature: good },
      { 'API-Key': 'other', Signature: good },
      { 'API-Key': KEY, Signature: await aiforySignature(body, 'other-secret') },
      { 'API-Key': KEY, Signature: await aiforySignature('{ }', SECRET) },
      { 'API-Key': KEY, Signature: 'zz' },
    ];
    for (const headers of cases) {
      const answer = await raw(url, body, headers);
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    const ok = await raw(url, body, { 'API-Key': KEY, Signature: good.toUpperCase() });
    expect(ok.status).toBe(200);
    expect(sandbox.requests().map((r) => r.status)).toEqual([
      401, 401, 401, 401, 401, 401, 401, 200,
    ]);
  });

  it('signs the exact bytes: the same JSON re-spaced is refused', async () => {
    const { sandbox } = await sandboxFor();
    const body = '{"card_ids":[]}';
    const signature = await aiforySignature(body, SECRET);
    expect(
      (await raw(`${sandbox.url}/cards/list`, body, { 'API-Key': KEY, Signature: signature }))
        .status,
    ).toBe(200);
    expect(
      (
        await raw(`${sandbox.url}/cards/list`, '{"card_ids": []}', {
          'API-Key': KEY,
          Signature: signature,
        })
      ).status,
    ).toBe(401);
  });

  it('answers 404 for an unknown operation or a GET, 400 for bad JSON or schema, {} for empty', async () => {
    const { sandbox, call } = await sandboxFor();
    expect((await call('cards/steal')).body.error.code).toBe('unknown_operation');
    expect((await call('cards/offers', {}, { method: 'GET' })).status).toBe(404);
    expect((await call('_sandbox/state')).status).toBe(404);
    const notJson = 'not json';
    const bad = await raw(`${sandbox.url}/cards/offers`, notJson, {
      'API-Key': KEY,
      Signature: await aiforySignature(notJson, SECRET),
    });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_request' } } });
    const invalid = await call('cards/calculate', {
      offer_id: 'x',
      amount: { amount: -1, currency: 'USD' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('invalid_request');
    expect(invalid.body.error.issues.map((i: { path: string[] }) => i.path.join('.'))).toEqual([
      'amount.amount',
    ]);
    const empty = await raw(`${sandbox.url}/account/balance`, '', {
      'API-Key': KEY,
      Signature: await aiforySignature('', SECRET),
    });
    expect(empty.status).toBe(200);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const { sandbox } = await sandboxFor();
    const body = JSON.stringify({ card_ids: ['x'.repeat(1024 * 1024)] });
    const answer = await raw(`${sandbox.url}/cards/list`, body, {
      'API-Key': KEY,
      Signature: await aiforySignature(body, SECRET),
    });
    expect(answer).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
  });

  it('answers 500 internal_error, without the cause, when a handler breaks; nothing is charged', async () => {
    let broken = false;
    const { sandbox, call } = await sandboxFor({
      clock: () => {
        if (broken) throw new Error('clock broke');
        return new Date('2026-12-06T00:00:00Z');
      },
    });
    broken = true;
    const order = await call('cards/order', {
      request_id: 'r1',
      offer_id: 'offer_usd_virtual',
      holder_name: 'A B',
      external_ref: 'x',
    });
    expect(order).toMatchObject({
      status: 500,
      body: { ok: false, error: { code: 'internal_error', message: 'the sandbox failed' } },
    });
    expect(sandbox.masterBalance().amount).toBe(10_000_000);
    expect(sandbox.cards()).toEqual([]);
  });

  it('needs credentials, listens where asked and refuses offers in another currency', async () => {
    await expect(startAiforySandbox({ apiKey: '', apiSecret: 's' })).rejects.toThrow(/required/);
    await expect(
      startAiforySandbox({
        apiKey: 'k',
        apiSecret: 's',
        offers: [
          {
            offer_id: 'eur',
            name: 'EUR',
            currency: 'EUR',
            issue_fee: { amount: 1, currency: 'EUR' },
            topup_fee_bps: 0,
            min_topup: { amount: 1, currency: 'EUR' },
            max_topup: { amount: 2, currency: 'EUR' },
          },
        ],
      }),
    ).rejects.toThrow(/EUR/);
    const { sandbox } = await sandboxFor({ host: '127.0.0.1' });
    expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`);
    const taken = startAiforySandbox({ apiKey: 'k', apiSecret: 's', port: sandbox.port });
    await expect(taken).rejects.toThrow(/EADDRINUSE/);
  });
});
