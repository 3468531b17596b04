import { Inject, Injectable } from '@nestjs/common';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import { loginFailures } from '../../db/schema/index.js';
import { appendEvent } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';

/** A lockout rule: at `failures` unproven rounds in the window, lock for `lockSeconds`. */
export type LockStep = [failures: number, lockSeconds: number];

export interface CountedAttempt {
  client: string;
  failures: number;
  lockedUntil: Date | null;
}

/**
 * The audit event of a lock that a round makes, for the account `subjectId`; null for an
 * unknown address, which then does the same work (the transaction) without an event.
 */
export interface LockEvent {
  subjectId: string | null;
  eventFor: (subjectId: string, lockedUntil: Date) => PendingEvent;
}

/** The lockout counters (table `login_failures`). */
@Injectable()
export class LoginFailuresRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * Counts one more unproven round for each (address, client) row — in one statement, so that
   * parallel rounds can never slip past a lock. A row already locked is left alone and not
   * returned: the caller reads its lock instead. A row whose window has passed starts again.
   * A round that reaches a step locks its row now, and then appends `lockEvent`'s event, if
   * given, in the same transaction: the lock and its event commit together.
   */
  async count(
    emailLookup: string,
    rows: { client: string; steps: LockStep[] }[],
    windowSeconds: number,
    lockEvent?: LockEvent,
  ): Promise<CountedAttempt[]> {
    const values = sql.join(
      rows.map(({ client }) => sql`(${emailLookup}, ${client}, 1, now())`),
      sql`, `,
    );
    // `n` is the count this round makes; the lock steps are matched on the count before it.
    const n = sql.raw(`(case when f.window_started_at > now() - interval '${windowSeconds} seconds'
      then f.failures + 1 else 1 end)`);
    const lockCases = sql.join(
      rows.flatMap(({ client, steps }) =>
        steps.map(
          ([failures, seconds]) =>
            sql`when f.client = ${client} and ${n} - 1 = ${failures} then now() + ${seconds} * interval '1 second'`,
        ),
      ),
      sql` `,
    );
    const upsert = sql`
      insert into login_failures as f (email_lookup, client, failures, window_started_at)
      values ${values}
      on conflict (email_lookup, client) do update set
        failures = ${n},
        window_started_at = case when ${n} = 1 then now() else f.window_started_at end,
        locked_until = case ${lockCases} else null end
      where f.locked_until is null or f.locked_until <= now()
      returning client, failures, locked_until as "lockedUntil"`;
    const counted = async (tx: AppDatabase): Promise<CountedAttempt[]> => {
      const result = (await tx.execute(upsert)) as unknown as { rows: CountedAttempt[] };
      return result.rows.map((row) => ({
        ...row,
        lockedUntil: row.lockedUntil === null ? null : new Date(row.lockedUntil),
      }));
    };
    // Without a lock to audit (a re-authentication), one statement outside a transaction.
    if (!lockEvent) return counted(this.database.primary);
    return this.database.primary.transaction(async (tx) => {
      const attempts = await counted(tx);
      const lock = attempts.find((row) => row.lockedUntil !== null)?.lockedUntil;
      const { subjectId } = lockEvent;
      if (lock && subjectId) await appendEvent(tx, subjectId, lockEvent.eventFor(subjectId, lock));
      return attempts;
    });
  }

  /** The latest lock among these rows still in force, if any. */
  async lockedUntil(emailLookup: string, clients: string[]): Promise<Date | null> {
    const rows = await this.database.primary
      .select({ until: loginFailures.lockedUntil })
      .from(loginFailures)
      .where(
        and(
          eq(loginFailures.emailLookup, emailLookup),
          inArray(loginFailures.client, clients),
          sql`${loginFailures.lockedUntil} > now()`,
        ),
      );
    const until = Math.max(0, ...rows.map((row) => row.until?.getTime() ?? 0));
    return until > 0 ? new Date(until) : null;
  }

  async clear(emailLookup: string, clients: string[]): Promise<void> {
    await this.database.primary
      .delete(loginFailures)
      .where(
        and(eq(loginFailures.emailLookup, emailLookup), inArray(loginFailures.client, clients)),
      );
  }
}
