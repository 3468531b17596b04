import { randomBytes, randomInt, randomUUID } from 'node:crypto';

/**
 * The time and the randomness services use, injected so that their rules (windows, expiries,
 * codes) can be tested with fixed values instead of waiting or guessing.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface Random {
  bytes(length: number): Buffer;
  /** A uniform integer in [0, max). */
  int(max: number): number;
  uuid(): string;
}

export const CLOCK = Symbol('CLOCK');
export const RANDOM = Symbol('RANDOM');

export const systemClock: Clock = { now: () => Date.now() };

/** Node's CSPRNG. */
export const systemRandom: Random = {
  bytes: (length) => randomBytes(length),
  int: (max) => randomInt(max),
  uuid: () => randomUUID(),
};
