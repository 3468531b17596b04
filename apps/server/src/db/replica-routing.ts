import type pg from 'pg';

/** How far behind the primary the replica may be before its reads go to the primary. */
export const REPLICA_MAX_LAG_MS = 2000;
/** How often the lag is measured. */
export const LAG_CHECK_EVERY_MS = 500;
/** How long a replica that failed to answer is left out before it is tried again. */
export const REPLICA_BENCHED_MS = 5000;

type Query = pg.Pool['query'];

/**
 * Errors that say the replica cannot answer now (refused or lost connection, shutting down or
 * starting, a query cancelled by recovery), as opposed to an error in the query itself.
 */
function unavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return code.startsWith('08') || code.startsWith('57P') || code === '40001' || code === '53300';
}

/**
 * A pool-shaped router for lag-tolerant reads (ADR 022): the replica while it answers and is
 * less than REPLICA_MAX_LAG_MS behind, the primary otherwise. A read the replica fails to
 * answer is retried on the primary and the replica is benched for a few seconds, so a replica
 * outage never becomes an error. Transactions (`connect`) always take a primary connection.
 *
 * The lag is measured in WAL positions, not replay timestamps (an idle primary would look
 * behind): a replica is lagging when it has not replayed what the primary had written
 * REPLICA_MAX_LAG_MS ago.
 */
export class ReplicaRoutingPool {
  private benchedUntil = 0;
  private lagging = false;
  private samples: { at: number; lsn: string }[] = [];
  private checking = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly primary: pg.Pool,
    private readonly replica: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => void this.checkLag(), LAG_CHECK_EVERY_MS);
    this.timer.unref();
  }

  /** Whether reads go to the replica now. */
  get usable(): boolean {
    return !this.lagging && this.now() >= this.benchedUntil;
  }

  readonly query = (async (config: pg.QueryConfig, values?: unknown[]) => {
    if (!this.usable) return this.primary.query(config, values);
    try {
      return await this.replica.query(config, values);
    } catch (error) {
      if (!unavailable(error)) throw error;
      this.bench();
      return this.primary.query(config, values);
    }
  }) as unknown as Query;

  connect(): Promise<pg.PoolClient> {
    return this.primary.connect();
  }

  /** One measurement; run every LAG_CHECK_EVERY_MS, and by tests directly. */
  async checkLag(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const at = this.now();
      const { rows } = await this.primary
        .query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')
        .catch(() => ({ rows: [] }));
      // The primary is away: its own outage is answered elsewhere; nothing to compare with.
      if (!rows[0]) return;
      this.samples.push({ at, lsn: rows[0].lsn });
      const due = this.samples.findLastIndex((sample) => sample.at <= at - REPLICA_MAX_LAG_MS);
      if (due < 0) return;
      this.samples = this.samples.slice(due);
      // Null when the server is not (or no longer) a standby: nothing to wait for.
      const { rows: replayed } = await this.replica.query<{ caught_up: boolean }>(
        'select coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, true) as caught_up',
        [this.samples[0]!.lsn],
      );
      this.lagging = !replayed[0]?.caught_up;
    } catch {
      this.bench();
    } finally {
      this.checking = false;
    }
  }

  close(): void {
    clearInterval(this.timer);
  }

  private bench(): void {
    this.benchedUntil = this.now() + REPLICA_BENCHED_MS;
  }
}
