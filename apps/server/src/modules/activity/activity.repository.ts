import { Inject, Injectable } from '@nestjs/common';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { SQL, SQLWrapper } from 'drizzle-orm';
import type { ActivityGranularity } from '@cardcoop/contracts';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import {
  auditEvents,
  cardAccounts,
  cooperatives,
  paymentRequests,
  sessions,
} from '../../db/schema/index.js';

/** Days `from`–`to` (both included, `YYYY-MM-DD`) in the time zone `tz`. */
export interface ActivitySpan {
  from: string;
  to: string;
  tz: string;
}

export interface ReadsRow {
  period: string;
  coopname: string;
  displayName: string | null;
  count: number;
}
export interface LoginsRow {
  period: string;
  device: string | null;
  count: number;
}
export interface PaidRow {
  month: string;
  currency: string;
  amount: number;
  count: number;
}
export interface LoginRow {
  at: Date;
  seq: number;
  device: string | null;
  ipSealed: string | null;
}
/** Where a page of the sign-in history continues: after this event. */
export type LoginCursor = Pick<LoginRow, 'at' | 'seq'>;

const LOGIN = 'login.succeeded';
const READ = 'grant.read';

/** The first day of the period (`YYYY-MM-DD`, or `YYYY-MM` for a month) of `at` in `tz`. */
function periodOf(at: SQLWrapper, unit: ActivityGranularity | 'month', tz: string): SQL<string> {
  const format = unit === 'month' ? 'YYYY-MM' : 'YYYY-MM-DD';
  return sql<string>`to_char(date_trunc(${unit}, ${at}, ${tz}) at time zone ${tz}, ${format})`;
}

/** `at` within the span's days, midnight to midnight in its time zone. */
function within(at: SQLWrapper, { from, to, tz }: ActivitySpan): SQL {
  return sql`${at} >= (${from}::date::timestamp at time zone ${tz}) and ${at} < ((${to}::date + 1)::timestamp at time zone ${tz})`;
}

/** One subject's events of one type in the span: a range of `audit_events_subject_type_at_idx`. */
function eventsIn(userId: string, type: string, span: ActivitySpan): SQL | undefined {
  return and(
    eq(auditEvents.subjectId, userId),
    eq(auditEvents.type, type),
    within(auditEvents.at, span),
  );
}

/**
 * The member's activity, aggregated in the database (GROUP BY the period in the member's time
 * zone): never more rows than periods × cooperatives or devices, whatever the number of events.
 * History that may trail the latest sign-in by seconds: read from the replica (ADR 022).
 */
@Injectable()
export class ActivityRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** Cooperatives' reads of the member's shared data (their `grant.read` events). */
  async readsPerPeriod(
    userId: string,
    span: ActivitySpan,
    unit: ActivityGranularity,
  ): Promise<ReadsRow[]> {
    const coopname = sql<string>`${auditEvents.data} ->> 'coopname'`;
    return this.database.replica
      .select({
        period: periodOf(auditEvents.at, unit, span.tz),
        coopname,
        displayName: cooperatives.displayName,
        count: count(),
      })
      .from(auditEvents)
      .leftJoin(cooperatives, eq(cooperatives.coopname, coopname))
      .where(eventsIn(userId, READ, span))
      .groupBy(sql`1`, sql`2`, sql`3`)
      .orderBy(sql`1`, sql`2`);
  }

  /** Successful sign-ins per device, as the session each opened named it. */
  async loginsPerPeriod(
    userId: string,
    span: ActivitySpan,
    unit: ActivityGranularity,
  ): Promise<LoginsRow[]> {
    return this.database.replica
      .select({
        period: periodOf(auditEvents.at, unit, span.tz),
        device: sessions.deviceName,
        count: count(),
      })
      .from(auditEvents)
      .leftJoin(sessions, sessionOfLogin())
      .where(eventsIn(userId, LOGIN, span))
      .groupBy(sql`1`, sql`2`)
      .orderBy(sql`1`, sql`2`);
  }

  /** Contributions paid through any of the member's accounts, per month of payment and currency. */
  async paidPerMonth(userId: string, span: ActivitySpan): Promise<PaidRow[]> {
    return this.database.replica
      .select({
        month: periodOf(paymentRequests.paidAt, 'month', span.tz),
        currency: paymentRequests.currency,
        amount: sql<number>`sum(${paymentRequests.amount})::bigint`.mapWith(Number),
        count: count(),
      })
      .from(paymentRequests)
      .innerJoin(cardAccounts, eq(cardAccounts.username, paymentRequests.username))
      .where(
        and(
          eq(cardAccounts.userId, userId),
          eq(paymentRequests.status, 'paid'),
          within(paymentRequests.paidAt, span),
        ),
      )
      .groupBy(sql`1`, sql`2`)
      .orderBy(sql`1`, sql`2`);
  }

  /** The member's sign-ins, newest first, after `cursor` when given. */
  async logins(userId: string, limit: number, cursor?: LoginCursor): Promise<LoginRow[]> {
    return this.database.replica
      .select({
        at: auditEvents.at,
        seq: auditEvents.seq,
        device: sessions.deviceName,
        ipSealed: auditEvents.ipSealed,
      })
      .from(auditEvents)
      .leftJoin(sessions, sessionOfLogin())
      .where(
        and(
          eq(auditEvents.subjectId, userId),
          eq(auditEvents.type, LOGIN),
          cursor &&
            sql`(${auditEvents.at}, ${auditEvents.seq}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.seq})`,
        ),
      )
      .orderBy(desc(auditEvents.at), desc(auditEvents.seq))
      .limit(limit);
  }
}

/** The session a sign-in opened (its event names it), the subject's own; gone with the account. */
function sessionOfLogin(): SQL {
  return sql`${sessions.id} = (${auditEvents.data} ->> 'session_id')::uuid and ${sessions.userId} = ${auditEvents.subjectId}`;
}
