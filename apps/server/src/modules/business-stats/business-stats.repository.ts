import { Inject, Injectable } from '@nestjs/common';
import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { auditEvents, grants } from '../../db/schema/index.js';

/** Days `from`–`to` (both included, `YYYY-MM-DD`) in the time zone `tz`. */
export interface StatsSpan {
  from: string;
  to: string;
  tz: string;
}

/** The audited events the statistics count, each a cooperative's (`data.coopname`). */
export const COUNTED_EVENTS = [
  'connect.opened',
  'account.registered',
  'login.succeeded',
  'grant.shared',
  'grant.refused',
  'grant.revoked',
  'grant.ticket_exchanged',
  'grant.read',
  'membership.confirmed',
] as const;
export type CountedEvent = (typeof COUNTED_EVENTS)[number];

/** The funnel's steps, and the events of each. */
export const FUNNEL_STEPS = {
  connect_opened: ['connect.opened'],
  signed_in: ['login.succeeded', 'account.registered'],
  consent_given: ['grant.shared'],
  ticket_exchanged: ['grant.ticket_exchanged'],
  data_read: ['grant.read'],
} as const satisfies Record<string, readonly CountedEvent[]>;
export type FunnelStep = keyof typeof FUNNEL_STEPS;

export interface DayRow {
  date: string;
  type: CountedEvent;
  count: number;
}
export interface StepRow {
  step: FunnelStep;
  count: number;
}

const coopnameOf = sql<string>`(${auditEvents.data} ->> 'coopname')`;

/**
 * A cooperative's events of these types in the span, midnight to midnight in its time zone: a
 * range of `audit_events_coop_type_at_idx` per type (never the whole log).
 */
function eventsOf(coopname: string, types: readonly string[], { from, to, tz }: StatsSpan): SQL {
  return and(
    sql`${coopnameOf} = ${coopname}`,
    inArray(auditEvents.type, [...types]),
    sql`${auditEvents.at} >= (${from}::date::timestamp at time zone ${tz})`,
    sql`${auditEvents.at} < ((${to}::date + 1)::timestamp at time zone ${tz})`,
  )!;
}

/** The step of an event, and what it counts distinctly: visits first, then members. */
const stepOf = sql<FunnelStep>`case ${auditEvents.type}
  when 'connect.opened' then 'connect_opened'
  when 'login.succeeded' then 'signed_in'
  when 'account.registered' then 'signed_in'
  when 'grant.shared' then 'consent_given'
  when 'grant.ticket_exchanged' then 'ticket_exchanged'
  else 'data_read' end`;
const visitOrMember = sql`case when ${auditEvents.type} in ('connect.opened', 'login.succeeded', 'account.registered') then ${auditEvents.data} ->> 'visit_id' else ${auditEvents.subjectId}::text end`;

/**
 * The business panel's statistics, aggregated in the database (GROUP BY day in the requested
 * time zone): never more rows than days × event types, whatever the number of events.
 * A dashboard that may trail the latest events by seconds: read from the replica (ADR 022).
 */
@Injectable()
export class BusinessStatsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** Counts per day and event type (the statement, for EXPLAIN in the tests). */
  perDayQuery(coopname: string, span: StatsSpan) {
    return this.database.replica
      .select({
        date: sql<string>`to_char(${auditEvents.at} at time zone ${span.tz}, 'YYYY-MM-DD')`,
        type: sql<CountedEvent>`${auditEvents.type}`,
        count: count(),
      })
      .from(auditEvents)
      .where(eventsOf(coopname, COUNTED_EVENTS, span))
      .groupBy(sql`1`, sql`2`);
  }

  /** Distinct visits (the first two steps) or members (the others) per funnel step. */
  funnelQuery(coopname: string, span: StatsSpan) {
    return this.database.replica
      .select({ step: stepOf, count: sql<number>`count(distinct ${visitOrMember})::int` })
      .from(auditEvents)
      .where(eventsOf(coopname, Object.values(FUNNEL_STEPS).flat(), span))
      .groupBy(sql`1`);
  }

  perDay(coopname: string, span: StatsSpan): Promise<DayRow[]> {
    return this.perDayQuery(coopname, span);
  }

  funnel(coopname: string, span: StatsSpan): Promise<StepRow[]> {
    return this.funnelQuery(coopname, span);
  }

  /** Grants live now: shared and not revoked. */
  async activeGrants(coopname: string): Promise<number> {
    const [row] = await this.database.replica
      .select({ count: count() })
      .from(grants)
      .where(and(eq(grants.coopname, coopname), isNull(grants.revokedAt)));
    return row?.count ?? 0;
  }
}
