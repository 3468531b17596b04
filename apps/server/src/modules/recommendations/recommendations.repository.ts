import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import {
  cardAccounts,
  cooperatives,
  meetingAttendance,
  meetings,
  memberships,
  paymentRequests,
  recommendationDismissals,
  users,
} from '../../db/schema/index.js';
import { appendEventSql } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';
import type { RecommendationFacts } from './recommendation-rules.js';

/** The windows the rules look into. */
export interface FactWindows {
  now: Date;
  today: string;
  /** Unpaid requests due on or before this day. */
  dueBy: string;
  /** Meetings starting before this instant. */
  meetingsUntil: Date;
  /** Memberships confirmed since this instant. */
  confirmedSince: Date;
}

/** At most this many suggestions of one rule: the home shows a few, not a list. */
const PER_RULE = 5;

/** What the member knows about themself on the server: the 2FA and Recovery Kit state. */
export interface MemberSecurity {
  totpEnabled: boolean;
  recoveryKitConfirmed: boolean;
  dismissed: string[];
}

@Injectable()
export class RecommendationsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * The member's own state and dismissals, from the primary (a suggestion hidden a moment ago
   * stays hidden); undefined when there is no such member.
   */
  async security(userId: string): Promise<MemberSecurity | undefined> {
    const [row] = await this.database.primary
      .select({
        totpEnabled: sql<boolean>`${users.totpEnabledAt} is not null`,
        recoveryKitConfirmed: sql<boolean>`${users.recoveryKitConfirmedAt} is not null`,
        dismissed: sql<
          string[]
        >`coalesce((select array_agg(${recommendationDismissals.key}) from ${recommendationDismissals} where ${recommendationDismissals.userId} = ${users.id}), '{}')`,
      })
      .from(users)
      .where(eq(users.id, userId));
    return row;
  }

  /**
   * The data of the cooperative rules, one query each: unpaid requests to any of the member's
   * accounts, unanswered meetings of `coopnames` (the member's confirmed cooperatives), and
   * memberships of the member's open accounts confirmed lately.
   */
  async cooperativeFacts(
    userId: string,
    coopnames: string[],
    windows: FactWindows,
  ): Promise<
    Pick<RecommendationFacts, 'dueContributions' | 'unansweredMeetings' | 'recentMemberships'>
  > {
    const db = this.database.primary;
    const [dueContributions, unansweredMeetings, recentMemberships] = await Promise.all([
      db
        .select({
          id: paymentRequests.id,
          coopname: paymentRequests.coopname,
          displayName: cooperatives.displayName,
          dueDate: paymentRequests.dueDate,
          amount: paymentRequests.amount,
          currency: paymentRequests.currency,
        })
        .from(paymentRequests)
        .innerJoin(cooperatives, eq(cooperatives.coopname, paymentRequests.coopname))
        .where(
          and(
            sql`${paymentRequests.username} in (select ${cardAccounts.username} from ${cardAccounts} where ${cardAccounts.userId} = ${userId}::uuid)`,
            eq(paymentRequests.status, 'requested'),
            lte(paymentRequests.dueDate, windows.dueBy),
          ),
        )
        .orderBy(asc(paymentRequests.dueDate), asc(paymentRequests.id))
        .limit(PER_RULE),
      coopnames.length === 0
        ? []
        : db
            .select({
              id: meetings.id,
              coopname: meetings.coopname,
              displayName: cooperatives.displayName,
              title: sql<string>`${meetings.input} ->> 'title'`,
              startsAt: meetings.startsAt,
            })
            .from(meetings)
            .innerJoin(
              cooperatives,
              and(eq(cooperatives.coopname, meetings.coopname), eq(cooperatives.status, 'active')),
            )
            .where(
              and(
                inArray(meetings.coopname, coopnames),
                isNull(meetings.cancelledAt),
                sql`${meetings.startsAt} < ${windows.meetingsUntil.toISOString()}::timestamptz`,
                sql`coalesce(${meetings.registrationDeadline}, ${meetings.startsAt}) > ${windows.now.toISOString()}::timestamptz`,
                sql`not exists (select 1 from ${meetingAttendance} where ${meetingAttendance.meetingId} = ${meetings.id} and ${meetingAttendance.userId} = ${userId}::uuid)`,
              ),
            )
            .orderBy(asc(meetings.startsAt), asc(meetings.id))
            .limit(PER_RULE),
      db
        .select({
          coopname: memberships.coopname,
          displayName: cooperatives.displayName,
          username: memberships.username,
          confirmedAt: memberships.confirmedAt,
        })
        .from(memberships)
        .innerJoin(
          cardAccounts,
          and(
            eq(cardAccounts.username, memberships.username),
            eq(cardAccounts.coopname, memberships.coopname),
            eq(cardAccounts.userId, userId),
            isNull(cardAccounts.closedAt),
          ),
        )
        .innerJoin(cooperatives, eq(cooperatives.coopname, memberships.coopname))
        .where(gte(memberships.confirmedAt, windows.confirmedSince))
        .orderBy(asc(memberships.confirmedAt))
        .limit(PER_RULE),
    ]);
    return { dueContributions, unansweredMeetings, recentMemberships };
  }

  /**
   * Records the dismissal with its audit event in one statement; false when it was dismissed
   * already (nothing written then).
   */
  async dismiss(userId: string, key: string, event: PendingEvent): Promise<boolean> {
    const rows = await this.database.primary
      .insert(recommendationDismissals)
      .values({ userId, key })
      .onConflictDoNothing()
      .returning({
        auditEventId: appendEventSql(recommendationDismissals.userId, event.draft, event.ipSealed),
      });
    return rows.length === 1;
  }
}
