import type { Clock } from '../../../infra/clock/clock.js';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failed calls that open the breaker. */
  failureThreshold: number;
  /** How long it stays open before letting one trial call through. */
  coolDownMs: number;
  clock: Clock;
  /** Told of every state change (the metrics gauge). */
  onStateChange?: (state: BreakerState) => void;
}

/** What `acquire` answers: go ahead, or fail fast for this many more milliseconds. */
export type BreakerPermit = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * A consecutive-failure circuit breaker of one node: closed → open after `failureThreshold`
 * failures in a row → after `coolDownMs` half-open, where one call goes through (the others fail
 * fast): its success closes the breaker, its failure opens it for another cool-down.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;

  constructor(private readonly options: CircuitBreakerOptions) {}

  /** The state now (an expired open period reads as half-open). */
  get state(): BreakerState {
    if (this.current === 'open' && this.remainingMs() <= 0) return 'half_open';
    return this.current;
  }

  /** Asks to make one call; a permitted call must end in `success()` or `failure()`. */
  acquire(): BreakerPermit {
    if (this.current === 'open') {
      const remaining = this.remainingMs();
      if (remaining > 0) return { allowed: false, retryAfterMs: remaining };
      this.moveTo('half_open');
    }
    if (this.current === 'half_open') {
      if (this.trialInFlight) return { allowed: false, retryAfterMs: this.options.coolDownMs };
      this.trialInFlight = true;
    }
    return { allowed: true };
  }

  success(): void {
    this.failures = 0;
    this.trialInFlight = false;
    if (this.current !== 'closed') this.moveTo('closed');
  }

  failure(): void {
    this.trialInFlight = false;
    this.failures += 1;
    if (this.current === 'half_open' || this.failures >= this.options.failureThreshold) {
      this.openedAt = this.options.clock.now();
      this.moveTo('open');
    }
  }

  /** Milliseconds left of the open period (≤ 0 when not open). */
  remainingMs(): number {
    if (this.current !== 'open') return 0;
    return this.openedAt + this.options.coolDownMs - this.options.clock.now();
  }

  private moveTo(state: BreakerState): void {
    this.current = state;
    this.options.onStateChange?.(state);
  }
}
