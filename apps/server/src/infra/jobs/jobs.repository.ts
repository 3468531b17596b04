import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import { jobs } from '../../db/schema/index.js';

export type JobRow = typeof jobs.$inferSelect;

/** The outbox table's statements; claims skip rows another node holds. */
@Injectable()
export class JobsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  private get db(): AppDatabase {
    return this.database.primary;
  }

  async insert(kind: string, payloadSealed: string, tx: AppDatabase = this.db): Promise<void> {
    await tx.insert(jobs).values({ kind, payloadSealed });
  }

  /**
   * Claims up to `limit` due jobs for `claimMs` and counts the attempt. A job whose runner died
   * mid-way is claimable again once its claim has passed.
   */
  async claim(limit: number, claimMs: number): Promise<JobRow[]> {
    const result = (await this.db.execute(sql`
      update ${jobs} set locked_until = now() + ${claimMs} * interval '1 millisecond',
        attempts = attempts + 1
      where id in (
        select id from ${jobs}
        where failed_at is null and run_at <= now()
          and (locked_until is null or locked_until <= now())
        order by run_at, id limit ${limit}
        for update skip locked)
      returning id, kind, payload_sealed as "payloadSealed", attempts`)) as unknown as {
      rows: Pick<JobRow, 'id' | 'kind' | 'payloadSealed' | 'attempts'>[];
    };
    return result.rows as JobRow[];
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

  /** Jobs waiting (due or not) and jobs given up on. */
  async counts(): Promise<{ pending: number; failed: number }> {
    const result = (await this.db.execute(sql`
      select count(*) filter (where failed_at is null)::int as pending,
             count(*) filter (where failed_at is not null)::int as failed
      from ${jobs}`)) as unknown as { rows: { pending: number; failed: number }[] };
    return result.rows[0] ?? { pending: 0, failed: 0 };
  }
}
