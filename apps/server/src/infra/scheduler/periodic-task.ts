import type { PeriodicTasksRepository } from './periodic-tasks.repository.js';

/** Longest wait between two looks at whether a task is due (its period, when shorter). */
const POLL_MAX_MS = 5_000;

/** A run's end: `error` undefined when it succeeded. */
export type RunReport = (name: string, error?: unknown) => void;

/**
 * A task that runs every `everyMs` on exactly one node per period: the row `periodic_tasks.<name>`
 * says when it is next due (kept across restarts) and which runner holds it (`FOR UPDATE SKIP
 * LOCKED`, for at most one period: a runner that dies releases it by expiry). Tasks must be
 * idempotent: a run that dies mid-way is not repeated before the next period.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private registered: Promise<void> | undefined;

  constructor(
    private readonly tasks: PeriodicTasksRepository,
    private readonly name: string,
    private readonly everyMs: number,
    /** Every run's end, and a failed look at whether the task is due: logged and counted. */
    private readonly report: RunReport,
  ) {}

  start(job: () => Promise<unknown>): void {
    this.timer = setInterval(
      () => void this.runIfDue(job),
      Math.min(this.everyMs, POLL_MAX_MS),
    ).unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Runs the job if its period has come and no node runs it; never throws (failures are reported). */
  async runIfDue(job: () => Promise<unknown>): Promise<boolean> {
    let claimed: boolean;
    try {
      claimed = await this.claim(false);
    } catch (error) {
      this.report(this.name, error);
      return false;
    }
    if (claimed) await this.runClaimed(job).catch(() => undefined);
    return claimed;
  }

  /**
   * Runs the job now, due or not, unless another node is running it; undefined when it did not
   * run. The next scheduled run is a period from now.
   */
  async runOnce<T>(job: () => Promise<T>): Promise<T | undefined> {
    return (await this.claim(true)) ? this.runClaimed(job) : undefined;
  }

  private async claim(force: boolean): Promise<boolean> {
    this.registered ??= this.tasks.register(this.name, this.everyMs).catch((error: unknown) => {
      this.registered = undefined;
      throw error;
    });
    await this.registered;
    return this.tasks.claim(this.name, this.everyMs, force);
  }

  private async runClaimed<T>(job: () => Promise<T>): Promise<T> {
    try {
      const result = await job();
      await this.tasks.finish(this.name, null);
      this.report(this.name);
      return result;
    } catch (error) {
      this.report(this.name, error);
      const message = error instanceof Error ? error.message : String(error);
      await this.tasks.finish(this.name, message).catch(() => undefined); // the claim expires anyway
      throw error;
    }
  }
}
