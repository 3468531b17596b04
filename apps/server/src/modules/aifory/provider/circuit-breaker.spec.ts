import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../common/errors/app-error.js';
import {
  AiforyError,
  AiforyOutcomeUnknown,
  AiforyUnavailable,
  providerUnavailableError,
} from './aifory-errors.js';
import { AiforyMetrics } from './aifory-metrics.js';
import { CircuitBreaker, type BreakerState } from './circuit-breaker.js';

function breakerAt(threshold = 3, coolDownMs = 30_000) {
  const clock = { time: 1_000_000, now: () => clock.time };
  const states: BreakerState[] = [];
  const breaker = new CircuitBreaker({
    failureThreshold: threshold,
    coolDownMs,
    clock,
    onStateChange: (state) => states.push(state),
  });
  return { breaker, clock, states };
}

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures and fails fast for the cool-down', () => {
    const { breaker, clock, states } = breakerAt(3);
    for (let i = 0; i < 2; i += 1) {
      expect(breaker.acquire().allowed).toBe(true);
      breaker.failure();
    }
    expect(breaker.state).toBe('closed');
    breaker.acquire();
    breaker.failure();
    expect(breaker.state).toBe('open');
    clock.time += 10_000;
    expect(breaker.acquire()).toEqual({ allowed: false, retryAfterMs: 20_000 });
    expect(states).toEqual(['open']);
  });

  it('a success in between resets the count', () => {
    const { breaker } = breakerAt(2);
    breaker.failure();
    breaker.success();
    breaker.failure();
    expect(breaker.state).toBe('closed');
    breaker.failure();
    expect(breaker.state).toBe('open');
  });

  it('half-opens after the cool-down: one trial call, success closes, failure reopens', () => {
    const { breaker, clock, states } = breakerAt(1, 5_000);
    breaker.failure();
    clock.time += 5_000;
    expect(breaker.state).toBe('half_open');
    expect(breaker.acquire().allowed).toBe(true);
    expect(breaker.acquire().allowed).toBe(false); // the trial is in flight
    breaker.failure();
    expect(breaker.state).toBe('open');
    expect(breaker.acquire().allowed).toBe(false);
    clock.time += 5_000;
    expect(breaker.acquire().allowed).toBe(true);
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect(breaker.acquire().allowed).toBe(true);
    expect(breaker.acquire().allowed).toBe(true);
    expect(states).toEqual(['open', 'half_open', 'open', 'half_open', 'closed']);
  });

  it('shows its state as a gauge', async () => {
    const registry = new Registry();
    const metrics = new AiforyMetrics(registry);
    const gauge = async () =>
      (await registry.getSingleMetricAsString('aifory_circuit_breaker_state')).split('\n').at(-1);
    expect(await gauge()).toBe('aifory_circuit_breaker_state 0');
    metrics.breakerState('open');
    expect(await gauge()).toBe('aifory_circuit_breaker_state 2');
    metrics.breakerState('half_open');
    expect(await gauge()).toBe('aifory_circuit_breaker_state 1');
  });
});

describe('providerUnavailableError', () => {
  it('maps an unreachable provider to 503 PROVIDER_UNAVAILABLE with Retry-After', () => {
    const open = providerUnavailableError(
      new AiforyUnavailable('cards/list', 'circuit_open', 12.2),
    );
    expect(open).toBeInstanceOf(AppError);
    expect(open).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      statusCode: 503,
      headers: { 'Retry-After': '13' },
      params: { retryAfter: 13 },
    });
    const unknown = providerUnavailableError(
      new AiforyOutcomeUnknown('cards/deposit/order', 'timeout', 0, 'op-1'),
    );
    expect(unknown).toMatchObject({ statusCode: 503, headers: { 'Retry-After': '1' } });
  });

  it('leaves a definite refusal alone', () => {
    const refusal = new AiforyError('cards/requisites', 'not_found', 404);
    expect(providerUnavailableError(refusal)).toBe(refusal);
    expect(refusal.retryable).toBe(false);
  });
});
