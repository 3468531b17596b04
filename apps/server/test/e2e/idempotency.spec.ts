import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/common/errors/app-error.js';
import type { Database } from '../../src/db/database.js';
import { canonicalJson, requestHash } from '../../src/modules/idempotency/canonical-json.js';
import { IdempotencyRepository } from '../../src/modules/idempotency/idempotency.repository.js';
import { IdempotencyService } from '../../src/modules/idempotency/idempotency.service.js';
import { OutcomeUnknownError } from '../../src/modules/idempotency/outcome-unknown.js';
import { openMoneyDatabase } from '../support/money-database.js';
import type { TestDatabase } from '../support/test-database.js';

/**
 * Idempotency keys on real PostgreSQL: one run per key under 50 concurrent requests, the stored
 * answer replayed, a reused key refused, a failed run retried, an unknown outcome kept.
 */
let test: TestDatabase;
let database: Database;
let service: IdempotencyService;

beforeAll(async () => {
  ({ test, database } = await openMoneyDatabase());
  service = new IdempotencyService(new IdempotencyRepository(database));
});

afterAll(async () => {
  await database?.close();
  await test?.drop();
});

const newKey = () => `key-${randomUUID()}`;

/** A handler that counts its runs and answers 201 with a fresh id after a pause. */
function counting(pauseMs = 150) {
  const counter = { runs: 0 };
  const handler = async () => {
    counter.runs += 1;
    await sleep(pauseMs);
    return { status: 201, body: { id: randomUUID(), amount: 1050, at: new Date(0) } };
  };
  return { counter, handler };
}

describe('canonical request hash', () => {
  it('ignores key order and undefined members but not values', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: 'x' }], a: null, z: undefined })).toBe(
      '{"a":null,"b":[1,{"c":"x","d":2}]}',
    );
    expect(requestHash({ amount: 1, card: 'a' })).toBe(requestHash({ card: 'a', amount: 1 }));
    expect(requestHash({ amount: 1 })).not.toBe(requestHash({ amount: 2 }));
  });
});

describe('IdempotencyService.run', () => {
  it('runs the handler once for 50 concurrent requests with one key, all get its answer', async () => {
    const { counter, handler } = counting();
    const key = newKey();
    const body = { card_id: randomUUID(), amount: 1050 };
    const results = await Promise.all(
      Array.from({ length: 50 }, () => service.run('user-1', key, body, handler)),
    );
    expect(counter.runs).toBe(1);
    const first = results.find(({ replayed }) => !replayed)!;
    expect(results.filter(({ replayed }) => !replayed)).toHaveLength(1);
    for (const result of results) {
      expect(result.status).toBe(201);
      expect(result.body).toEqual(first.body);
    }
    // The first caller gets the JSON form too: the same as what is replayed.
    expect(first.body).toMatchObject({ at: '1970-01-01T00:00:00.000Z' });
  });

  it('runs 50 times for 50 different keys', async () => {
    const { counter, handler } = counting(20);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => service.run('user-2', newKey(), { amount: 1 }, handler)),
    );
    expect(counter.runs).toBe(50);
    expect(new Set(results.map(({ body }) => body.id)).size).toBe(50);
    expect(results.every(({ replayed }) => !replayed)).toBe(true);
  });

  it('replays to a body with its keys reordered; refuses another body with 409', async () => {
    const { counter, handler } = counting(0);
    const key = newKey();
    const first = await service.run('user-3', key, { a: 1, b: 2 }, handler);
    const again = await service.run('user-3', key, { b: 2, a: 1 }, handler);
    expect(again).toEqual({ ...first, replayed: true });
    await expect(service.run('user-3', key, { a: 1, b: 3 }, handler)).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      statusCode: 409,
    });
    // Another scope has keys of its own.
    expect((await service.run('user-4', key, { a: 1, b: 3 }, handler)).replayed).toBe(false);
    expect(counter.runs).toBe(2);
  });

  it('frees the key after a 5xx or unknown error, so the retry runs again', async () => {
    const key = newKey();
    let runs = 0;
    const flaky = async () => {
      runs += 1;
      if (runs === 1) throw new AppError('SERVICE_UNAVAILABLE', 503);
      if (runs === 2) throw new Error('boom');
      return { status: 200, body: { ok: true } };
    };
    await expect(service.run('user-5', key, {}, flaky)).rejects.toMatchObject({ statusCode: 503 });
    await expect(service.run('user-5', key, {}, flaky)).rejects.toThrow('boom');
    expect(await service.run('user-5', key, {}, flaky)).toEqual({
      status: 200,
      body: { ok: true },
      replayed: false,
    });
    expect(runs).toBe(3);
  });

  it('stores a client error and replays it without running again', async () => {
    const key = newKey();
    let runs = 0;
    const refusing = () => {
      runs += 1;
      return Promise.reject(new AppError('INSUFFICIENT_FUNDS', 422, { params: { need: 5 } }));
    };
    for (let i = 0; i < 3; i++) {
      await expect(service.run('user-6', key, { amount: 5 }, refusing)).rejects.toMatchObject({
        code: 'INSUFFICIENT_FUNDS',
        statusCode: 422,
        params: { need: 5 },
      });
    }
    expect(runs).toBe(1);
  });

  it('keeps the key on OutcomeUnknown: 503 Retry-After, then 409 IN_PROGRESS until completed', async () => {
    const key = newKey();
    let runs = 0;
    const timingOut = () => {
      runs += 1;
      return Promise.reject(new OutcomeUnknownError('provider timed out', 7));
    };
    await expect(service.run('user-7', key, { amount: 9 }, timingOut)).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      statusCode: 503,
      headers: { 'Retry-After': '7' },
    });
    const waiting = new IdempotencyService(new IdempotencyRepository(database));
    waiting.waitMs = 300;
    const started = Date.now();
    await expect(waiting.run('user-7', key, { amount: 9 }, timingOut)).rejects.toMatchObject({
      code: 'IDEMPOTENCY_IN_PROGRESS',
      statusCode: 409,
      headers: { 'Retry-After': expect.stringMatching(/^\d+$/) },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(runs).toBe(1);
    // The settlement learns the outcome and stores the answer: retries now get it.
    expect(await service.complete('user-7', key, { status: 200, body: { settled: true } })).toBe(
      true,
    );
    expect(await waiting.run('user-7', key, { amount: 9 }, timingOut)).toEqual({
      status: 200,
      body: { settled: true },
      replayed: true,
    });
    expect(runs).toBe(1);
  });

  it('a retry waiting for a slow first request gets its answer', async () => {
    const { counter, handler } = counting(600);
    const key = newKey();
    const first = service.run('user-8', key, { x: 1 }, handler);
    await sleep(50);
    const second = await service.run('user-8', key, { x: 1 }, handler);
    expect(second).toEqual({ ...(await first), replayed: true });
    expect(counter.runs).toBe(1);
  });

  it.each([undefined, '', 'short', 'has space in it', 'ключ-по-русски', 'x'.repeat(256)])(
    'refuses the key %j with 422',
    async (key) => {
      const { counter, handler } = counting(0);
      await expect(service.run('user-9', key, {}, handler)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        statusCode: 422,
        details: [expect.objectContaining({ path: 'Idempotency-Key' })],
      });
      expect(counter.runs).toBe(0);
    },
  );

  it('accepts the widest key alphabet', async () => {
    const { handler } = counting(0);
    const key = `Az09_-:.${'k'.repeat(247)}`;
    expect(key).toHaveLength(255);
    expect((await service.run('user-9', key, {}, handler)).status).toBe(201);
  });
});
