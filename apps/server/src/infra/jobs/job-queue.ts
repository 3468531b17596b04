import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { AppDatabase } from '../../db/database.js';
import { ServerCrypto } from '../crypto/server-crypto.js';
import { MetricsService } from '../metrics/metrics.service.js';
import type { JobsGauges } from '../metrics/metrics.service.js';
import { backoffMs } from './backoff.js';
import type { Backoff } from './backoff.js';
import { JobsRepository } from './jobs.repository.js';
import type { JobRow } from './jobs.repository.js';
import { PermanentJobError } from './permanent-job-error.js';

export type JobHandler = (payload: unknown) => Promise<void>;

export interface EnqueueOptions {
  /** When the job is due (a reminder's time); now when absent. */
  runAt?: Date;
  /**
   * At most one pending job per key ("meeting:<id>:24h"): when one exists, nothing is queued
   * (and `enqueue` answers false), so every node may schedule the same reminder.
   */
  key?: string;
  /** The transaction of the change that causes the job: it exists exactly when that commits. */
  tx?: AppDatabase;
}

export interface JobQueueOptions extends Backoff {
  /** How often a node looks for due jobs it was not told about (other nodes', retries, reminders). */
  pollMs: number;
  /** A claimed job is another node's to take over if not done by then. */
  claimMs: number;
  /** Attempts before a job is given up on (kept, with its last error, for an operator). */
  maxAttempts: number;
}

/** Overrides of `DEFAULT_JOB_QUEUE_OPTIONS` (tests shorten the waits). */
export const JOB_QUEUE_OPTIONS = Symbol('JOB_QUEUE_OPTIONS');

export const DEFAULT_JOB_QUEUE_OPTIONS: JobQueueOptions = {
  pollMs: 500,
  claimMs: 60_000,
  maxAttempts: 10,
  baseMs: 1000,
  capMs: 10 * 60_000,
};

const BATCH = 20;

/**
 * Durable background work and scheduled one-off jobs (reminders). `enqueue` writes the job,
 * in the caller's transaction when given one, and the answer does not wait for it: a runner on
 * any node claims it when due (`FOR UPDATE SKIP LOCKED`), runs its kind's handler and deletes
 * it — or retries it later with exponential backoff and jitter, giving up after `maxAttempts`
 * (or at once on a `PermanentJobError`).
 * Handlers must be idempotent (a runner may die after the work and before the delete).
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private readonly handlers = new Map<string, JobHandler>();
  private readonly options: JobQueueOptions;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(
    @Inject(JobsRepository) private readonly jobs: JobsRepository,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(MetricsService) private readonly metrics: MetricsService,
    @Optional() @Inject(JOB_QUEUE_OPTIONS) options: Partial<JobQueueOptions> = {},
  ) {
    this.options = { ...DEFAULT_JOB_QUEUE_OPTIONS, ...options };
    metrics.observeJobs(() => this.jobs.stats());
  }

  /** Registers the handler of a kind of job (once per kind, at start-up). */
  handle(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`job kind ${kind} has a handler already`);
    this.handlers.set(kind, handler);
  }

  /** Queues a job; false when a pending job with the same `key` exists (nothing queued then). */
  async enqueue(kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<boolean> {
    const { runAt, key, tx } = options;
    const payloadSealed = this.crypto.seal('job', JSON.stringify(payload), `job:${kind}`);
    const queued = await this.jobs.insert({ kind, payloadSealed, runAt, key }, tx);
    // Inside a transaction the row is not visible yet, nor is a future job due: polls take them.
    // The run starts once the caller's turn of the event loop is over: its answer goes out before
    // the job's work (which, on the embedded database, shares this thread), so how long a request
    // takes does not tell whether its job had work to do (a decoy audit, a mail to nobody).
    if (queued && !tx && !runAt) setImmediate(() => this.kick());
    return queued;
  }

  /** Moves the pending job with this key (a meeting moved); false when none waits. */
  reschedule(key: string, runAt: Date, tx?: AppDatabase): Promise<boolean> {
    return this.jobs.reschedule(key, runAt, tx);
  }

  /** Jobs waiting, jobs given up on, and how late the oldest due one is (all nodes). */
  stats(): Promise<JobsGauges> {
    return this.jobs.stats();
  }

  /** Drops the pending job with this key (a request was paid); false when none waits. */
  cancel(key: string, tx?: AppDatabase): Promise<boolean> {
    return this.jobs.cancel(key, tx);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), this.options.pollMs).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /**
   * Runs every job due now, including those enqueued while it runs; returns how many ran. A batch
   * already under way is waited for, not counted on: it may have looked for jobs before the
   * caller's last commit, and would then say that nothing was due.
   */
  async drain(): Promise<number> {
    await this.running?.catch(() => undefined);
    let total = 0;
    for (let round = 0; round < 100; round += 1) {
      const ran = await this.runDue();
      total += ran;
      if (ran === 0) return total;
    }
    return total;
  }

  /**
   * Runs the jobs due now, unless a run is under way: called by the queue itself, and by a
   * caller whose transaction queued jobs, once it committed (they are not seen before).
   */
  kick(): void {
    if (this.stopped || this.running) return;
    void this.runDue().catch((error: unknown) => {
      // Claiming failed (the database is away): counted; the next poll tries again.
      this.metrics.countBackgroundFailure('jobs');
      this.logger.warn(`claiming jobs failed: ${(error as Error).message}`);
    });
  }

  /** One batch; concurrent callers share the batch in flight. */
  private runDue(): Promise<number> {
    this.running ??= this.runBatch().finally(() => (this.running = undefined));
    return this.running;
  }

  private async runBatch(): Promise<number> {
    const claimed = await this.jobs.claim(BATCH, this.options.claimMs);
    for (const job of claimed) await this.run(job);
    return claimed.length;
  }

  private async run(job: JobRow): Promise<void> {
    const handler = this.handlers.get(job.kind);
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(JSON.parse(this.crypto.open('job', job.payloadSealed, `job:${job.kind}`)));
      await this.jobs.done(job.id);
      this.metrics.countJob(job.kind, 'done');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp =
        !handler || error instanceof PermanentJobError || job.attempts >= this.options.maxAttempts;
      this.metrics.countBackgroundFailure(`job:${job.kind}`);
      this.metrics.countJob(job.kind, giveUp ? 'failed' : 'retried');
      this.logger.warn(
        `job ${job.id} (${job.kind}) attempt ${job.attempts} failed${giveUp ? ', given up' : ''}: ${message}`,
      );
      await this.jobs.retry(job.id, message, giveUp ? null : backoffMs(job.attempts, this.options));
    }
  }
}
