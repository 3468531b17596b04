export interface Backoff {
  /** The first retry waits between half of this and all of it. */
  baseMs: number;
  /** No retry waits longer. */
  capMs: number;
}

/**
 * How long to wait after the `failures`-th failed attempt (1, 2, …): exponential with "equal
 * jitter", between half and all of base·2^(failures−1), then capped. Successive attempts'
 * ranges only grow (capping keeps that), and nodes that failed together do not retry together.
 */
export function backoffMs(
  failures: number,
  { baseMs, capMs }: Backoff,
  random: () => number = Math.random,
): number {
  const ceiling = baseMs * 2 ** Math.max(failures - 1, 0);
  return Math.round(Math.min(ceiling / 2 + (random() * ceiling) / 2, capMs));
}
