import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { AppDatabase } from '../../db/database.js';
import { ServerCrypto } from '../crypto/server-crypto.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { JobsRepository } from './jobs.repository.js';
import type { JobRow } from './jobs.repository.js';

export type JobHandler = (payload: unknown) => Promise<void>;

/** How often a node looks for due jobs it was not told about (other nodes', retries). */
const POLL_MS = 500;
const BATCH = 20;
/** A claimed job is another node's to take over if not done by then. */
const CLAIM_MS = 60_000;
const MAX_ATTEMPTS = 10;
const backoffMs = (attempts: number) => Math.min(1000 * 2 ** attempts, 10 * 60_000);

/**
 * Durable background work. `enqueue` writes the job in the caller's transaction (so it exists
 * exactly when the change that caused it committed) and the answer does not wait for it: a
 * runner on any node claims it, runs its kind's handler, and deletes it — or retries it later
 * with backoff, giving up after 10 attempts. Handlers must be idempotent (a runner may die
 * after the work and before the delete).
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(
    @Inject(JobsRepository) private readonly jobs: JobsRepository,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {}

  /** Registers the handler of a kind of job (once per kind, at start-up). */
  handle(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`job kind ${kind} has a handler already`);
    this.handlers.set(kind, handler);
  }

  async enqueue(kind: string, payload: unknown, tx?: AppDatabase): Promise<void> {
    const sealed = this.crypto.seal('job', JSON.stringify(payload), `job:${kind}`);
    await this.jobs.insert(kind, sealed, tx);
    // Inside a transaction the row is not visible yet; the next poll takes it.
    if (!tx) this.kick();
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), POLL_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Runs every job due now, including those enqueued while it runs; returns how many ran. */
  async drain(): Promise<number> {
    let total = 0;
    for (let round = 0; round < 100; round += 1) {
      const ran = await this.runDue();
      total += ran;
      if (ran === 0) return total;
    }
    return total;
  }

  private kick(): void {
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
    const claimed = await this.jobs.claim(BATCH, CLAIM_MS);
    for (const job of claimed) await this.run(job);
    return claimed.length;
  }

  private async run(job: JobRow): Promise<void> {
    const handler = this.handlers.get(job.kind);
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(JSON.parse(this.crypto.open('job', job.payloadSealed, `job:${job.kind}`)));
      await this.jobs.done(job.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = !handler || job.attempts >= MAX_ATTEMPTS;
      this.metrics.countBackgroundFailure(`job:${job.kind}`);
      this.logger.warn(
        `job ${job.id} (${job.kind}) attempt ${job.attempts} failed${giveUp ? ', given up' : ''}: ${message}`,
      );
      await this.jobs.retry(job.id, message, giveUp ? null : backoffMs(job.attempts));
    }
  }
}
