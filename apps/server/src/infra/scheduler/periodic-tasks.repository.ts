import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import { periodicTasks } from '../../db/schema/index.js';

const ms = (value: number) => sql`${value}::int * interval '1 millisecond'`;

/** The periodic_tasks table: one row per named task, claimed with `FOR UPDATE SKIP LOCKED`. */
@Injectable()
export class PeriodicTasksRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  private get db(): AppDatabase {
    return this.database.primary;
  }

  /**
   * Makes the task known, first due one period from now. A known task keeps its next run (a
   * restart does not postpone it), brought forward if its period was shortened.
   */
  async register(name: string, intervalMs: number): Promise<void> {
    await this.db.execute(sql`
      insert into ${periodicTasks} (name, interval_ms, next_run_at)
      values (${name}, ${intervalMs}, now() + ${ms(intervalMs)})
      on conflict (name) do update set interval_ms = excluded.interval_ms,
        next_run_at = least(${periodicTasks.nextRunAt}, excluded.next_run_at)`);
  }

  /**
   * Claims the task for `lockMs` unless a live runner holds it, and sets its next run one period
   * on: when it is due, or at once with `force`. True when this caller is to run it.
   */
  async claim(name: string, lockMs: number, force: boolean): Promise<boolean> {
    const result = (await this.db.execute(sql`
      update ${periodicTasks} set locked_until = now() + ${ms(lockMs)},
        next_run_at = now() + interval_ms * interval '1 millisecond'
      where name = (
        select name from ${periodicTasks}
        where name = ${name} and (locked_until is null or locked_until <= now())
          and (${force}::boolean or next_run_at <= now())
        for update skip locked)
      returning name`)) as unknown as { rows: unknown[] };
    return result.rows.length > 0;
  }

  /** Releases the claim and records the run: `error` is null when it succeeded. */
  async finish(name: string, error: string | null): Promise<void> {
    await this.db.execute(sql`
      update ${periodicTasks} set locked_until = null, last_run_at = now(), runs = runs + 1,
        last_error = ${error}, failures = failures + case when ${error}::text is null then 0 else 1 end
      where name = ${name}`);
  }
}
