import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import { jobs } from '../../db/schema/index.js';
import type { JobsGauges } from '../metrics/metrics.service.js';

export type JobRow = typeof jobs.$inferSelect;

export interface NewJob {
  kind: string;
  payloadSealed: string;
  /** When it is due; now when absent. */
  runAt?: Date;
  /** At most one pending job per key. */
  key?: string;
}

/** A pending job: not given up on (it may be running). */
const pending = sql`failed_at is null`;
/** Not claimed by a live runner. */
const unclaimed = sql`(locked_until is null or locked_until <= now())`;

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** The outbox table's statements; claims skip rows another node holds. */
@Injectable()
export class JobsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  private get db(): AppDatabase {
    return this.database.primary;
  }

  /** False when a pending job with the same key exists already (nothing is written then). */
  async insert(job: NewJob, tx: AppDatabase = this.db): Promise<boolean> {
    const inserted = await tx
      .insert(jobs)
      .values({
        kind: job.kind,
        payloadSealed: job.payloadSealed,
        key: job.key ?? null,
        ...(job.runAt ? { runAt: job.runAt } : {}),
      })
      .onConflictDoNothing({ target: jobs.key, where: pending })
      .returning({ id: jobs.id });
    return inserted.length > 0;
  }

  /** Moves the keyed job not running now; false when there is none (run, running, cancelled). */
  async reschedule(key: string, runAt: Date, tx: AppDatabase = this.db): Promise<boolean> {
    const result = await tx.execute(sql`
      update ${jobs} set run_at = ${runAt.toISOString()}::timestamptz
      where key = ${key} and ${pending} and ${unclaimed} returning id`);
    return rowsOf(result).length > 0;
  }

  /** Deletes the keyed job not running now; false when there is none. */
  async cancel(key: string, tx: AppDatabase = this.db): Promise<boolean> {
    const result = await tx.execute(sql`
      delete from ${jobs} where key = ${key} and ${pending} and ${unclaimed} returning id`);
    return rowsOf(result).length > 0;
  }

  /**
   * Claims up to `limit` due jobs for `claimMs` and counts the attempt. A job whose runner died
   * mid-way is claimable again once its claim has passed.
   */
  async claim(limit: number, claimMs: number): Promise<JobRow[]> {
    const result = await this.db.execute(sql`
      update ${jobs} set locked_until = now() + ${claimMs} * interval '1 millisecond',
        attempts = attempts + 1
      where id in (
        select id from ${jobs}
        where ${pending} and run_at <= now() and ${unclaimed}
        order by run_at, id limit ${limit}
        for update skip locked)
      returning id, kind, payload_sealed as "payloadSealed", attempts`);
    return rowsOf<JobRow>(result);
  }

  async done(id: number): Promise<void> {
    await this.db.execute(sql`delete from ${jobs} where id = ${id}`);
  }

  /** Puts the job back for a later attempt, or gives up on it (kept, with its last error). */
  async retry(id: number, error: string, delayMs: number | null): Promise<void> {
    await this.db.execute(sql`
      update ${jobs} set locked_until = null, last_error = ${error},
        run_at = case when ${delayMs}::int is null then run_at
                      else now() + ${delayMs}::int * interval '1 millisecond' end,
        failed_at = case when ${delayMs}::int is null then now() else null end
      where id = ${id}`);
  }

  /** Jobs waiting (due or not), jobs given up on, and how late the oldest due job is. */
  async stats(): Promise<JobsGauges> {
    const result = await this.db.execute(sql`
      select count(*) filter (where ${pending})::int as pending,
             count(*) filter (where failed_at is not null)::int as failed,
             coalesce(extract(epoch from now() - min(run_at)
               filter (where ${pending} and run_at <= now() and ${unclaimed})), 0)::float8
               as "oldestDueSeconds"
      from ${jobs}`);
    return rowsOf<JobsGauges>(result)[0] ?? { pending: 0, failed: 0, oldestDueSeconds: 0 };
  }
}
