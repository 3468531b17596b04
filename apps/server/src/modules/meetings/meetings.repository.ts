import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, getTableColumns, gt, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { AttendanceAnswer, MeetingInput } from '@cardcoop/contracts';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import { cooperatives, meetingAttendance, meetings } from '../../db/schema/index.js';
import { appendEventSql } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';

export type MeetingRow = typeof meetings.$inferSelect;

/** Work done in the change's transaction with the changed meeting (its announcement queued). */
export type WithMeeting = (tx: AppDatabase, row: MeetingRow) => Promise<void>;

/** A meeting with its cooperative's name and the answers counted (the member's view). */
export interface MemberMeetingRow extends MeetingRow {
  displayName: string;
  going: number;
  notGoing: number;
  maybe: number;
  myAnswer: AttendanceAnswer | null;
}

/** A keyset position in a list ordered by (starts_at, id). */
export interface MeetingCursor {
  startsAt: Date;
  id: string;
}

/** The member's list: `upcoming` (soonest first), `past` (latest first), or `all` (by start). */
export interface MemberMeetingsFilter {
  when: 'upcoming' | 'past' | 'all';
  from?: Date | undefined;
  to?: Date | undefined;
  after?: MeetingCursor | undefined;
  limit: number;
}

/** The answers counted in one pass over the meeting's attendance: [going, not going, maybe]. */
const tally = sql<[number, number, number]>`(select array[
  count(*) filter (where ${meetingAttendance.answer} = 'going'),
  count(*) filter (where ${meetingAttendance.answer} = 'not_going'),
  count(*) filter (where ${meetingAttendance.answer} = 'maybe')]::int[]
  from ${meetingAttendance} where ${meetingAttendance.meetingId} = ${meetings.id})`;

/** A row of `memberQuery` with its tally spelt out. */
const counted = <Row extends { tally: [number, number, number] }>({
  tally: [going, notGoing, maybe],
  ...row
}: Row) => ({ ...row, going, notGoing, maybe });

/** The instant after which attendance is closed: the deadline, or else the start. */
const attendanceClosesAt = sql`coalesce(${meetings.registrationDeadline}, ${meetings.startsAt})`;

/** Members see the meetings of active cooperatives only (a suspended one is offered nothing). */
const activeCooperative = sql`${cooperatives.coopname} = ${meetings.coopname} and ${cooperatives.status} = 'active'`;

const timesOf = (input: MeetingInput) => ({
  startsAt: new Date(input.starts_at),
  endsAt: new Date(input.ends_at),
  registrationDeadline:
    input.registration_deadline === undefined ? null : new Date(input.registration_deadline),
});

@Injectable()
export class MeetingsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  private get db() {
    return this.database.primary;
  }

  async findByExternalId(coopname: string, externalId: string): Promise<MeetingRow | undefined> {
    const [row] = await this.db
      .select()
      .from(meetings)
      .where(and(eq(meetings.coopname, coopname), eq(meetings.externalId, externalId)));
    return row;
  }

  async findById(id: string): Promise<MeetingRow | undefined> {
    const [row] = await this.db.select().from(meetings).where(eq(meetings.id, id));
    return row;
  }

  /** The members who answered that they will not come (their reminder is not sent). */
  async notGoing(meetingId: string): Promise<Set<string>> {
    const rows = await this.db
      .select({ userId: meetingAttendance.userId })
      .from(meetingAttendance)
      .where(
        and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.answer, 'not_going')),
      );
    return new Set(rows.map((row) => row.userId));
  }

  /**
   * Creates the meeting, or replaces its body with a new revision (and un-cancels it: publishing
   * again means it takes place). Two racing first publications make one row. `then` runs in
   * the same transaction.
   */
  async upsert(
    coopname: string,
    externalId: string,
    input: MeetingInput,
    then: WithMeeting,
  ): Promise<MeetingRow> {
    const times = timesOf(input);
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(meetings)
        .values({ coopname, externalId, input, ...times })
        .onConflictDoUpdate({
          target: [meetings.coopname, meetings.externalId],
          set: {
            input,
            ...times,
            revision: sql`${meetings.revision} + 1`,
            cancelledAt: null,
            updatedAt: sql`now()`,
          },
        })
        .returning();
      await then(tx, row!);
      return row!;
    });
  }

  /**
   * Marks the meeting cancelled (a new revision), then runs `then` in the same transaction;
   * undefined when it is not there or already is.
   */
  async cancel(
    coopname: string,
    externalId: string,
    then: WithMeeting,
  ): Promise<MeetingRow | undefined> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(meetings)
        .set({
          cancelledAt: sql`now()`,
          revision: sql`${meetings.revision} + 1`,
          updatedAt: sql`now()`,
        })
        .where(
          and(
            eq(meetings.coopname, coopname),
            eq(meetings.externalId, externalId),
            sql`${meetings.cancelledAt} is null`,
          ),
        )
        .returning();
      if (row) await then(tx, row);
      return row;
    });
  }

  /** The cooperative's own meetings, latest start first. */
  async listOfCooperative(
    coopname: string,
    after: MeetingCursor | undefined,
    limit: number,
  ): Promise<MeetingRow[]> {
    return this.db
      .select()
      .from(meetings)
      .where(and(eq(meetings.coopname, coopname), after && before(after)))
      .orderBy(desc(meetings.startsAt), desc(meetings.id))
      .limit(limit);
  }

  /** Who answered a meeting, by the username of their account in its cooperative. */
  async answers(
    meetingId: string,
  ): Promise<{ username: string; answer: AttendanceAnswer; answeredAt: Date }[]> {
    return this.db
      .select({
        username: meetingAttendance.username,
        answer: meetingAttendance.answer,
        answeredAt: meetingAttendance.answeredAt,
      })
      .from(meetingAttendance)
      .where(eq(meetingAttendance.meetingId, meetingId))
      .orderBy(asc(meetingAttendance.username));
  }

  /** Meetings of the given cooperatives as `userId` sees them (counts and their own answer). */
  async listForMember(
    userId: string,
    coopnames: string[],
    filter: MemberMeetingsFilter,
  ): Promise<MemberMeetingRow[]> {
    if (coopnames.length === 0) return [];
    const latestFirst = filter.when === 'past';
    const now = sql`now()`;
    const rows = await this.memberQuery(
      userId,
      and(
        inArray(meetings.coopname, coopnames),
        filter.when === 'upcoming' ? gt(meetings.endsAt, now) : undefined,
        filter.when === 'past' ? lte(meetings.endsAt, now) : undefined,
        filter.from && gt(meetings.endsAt, filter.from),
        filter.to && lt(meetings.startsAt, filter.to),
        filter.after && (latestFirst ? before(filter.after) : afterCursor(filter.after)),
      ),
    )
      .orderBy(
        ...(latestFirst
          ? [desc(meetings.startsAt), desc(meetings.id)]
          : [asc(meetings.startsAt), asc(meetings.id)]),
      )
      .limit(filter.limit);
    return rows.map(counted);
  }

  /** One meeting for `userId`, if it belongs to one of the given cooperatives. */
  async findForMember(
    userId: string,
    coopnames: string[],
    id: string,
  ): Promise<MemberMeetingRow | undefined> {
    if (coopnames.length === 0) return undefined;
    const [row] = await this.memberQuery(
      userId,
      and(eq(meetings.id, id), inArray(meetings.coopname, coopnames)),
    );
    return row && counted(row);
  }

  /**
   * The meetings of the given cooperatives with their names for the calendar feed, by start:
   * everything ahead, and what ended within the last year.
   */
  async allOf(coopnames: string[]): Promise<(MeetingRow & { displayName: string })[]> {
    if (coopnames.length === 0) return [];
    return this.db
      .select({ ...getTableColumns(meetings), displayName: cooperatives.displayName })
      .from(meetings)
      .innerJoin(cooperatives, activeCooperative)
      .where(
        and(
          inArray(meetings.coopname, coopnames),
          gt(meetings.endsAt, sql`now() - interval '1 year'`),
        ),
      )
      .orderBy(asc(meetings.startsAt), asc(meetings.id));
  }

  /**
   * Stores the member's answer (replacing an earlier one) with its audit event in one statement,
   * only while attendance is open: not cancelled, before the deadline (or the start). False when
   * it was closed.
   */
  async answer(
    attendance: { meetingId: string; userId: string; username: string; answer: AttendanceAnswer },
    event: PendingEvent,
  ): Promise<boolean> {
    const rows = await this.db
      .insert(meetingAttendance)
      .select(
        this.db
          .select({
            meetingId: meetings.id,
            userId: sql`${attendance.userId}::uuid`.as('user_id'),
            username: sql`${attendance.username}`.as('username'),
            answer: sql`${attendance.answer}`.as('answer'),
            answeredAt: sql`now()`.as('answered_at'),
          })
          .from(meetings)
          .where(
            and(
              eq(meetings.id, attendance.meetingId),
              sql`${meetings.cancelledAt} is null`,
              sql`${attendanceClosesAt} > now()`,
            ),
          ),
      )
      .onConflictDoUpdate({
        target: [meetingAttendance.meetingId, meetingAttendance.userId],
        set: {
          answer: sql`excluded.answer`,
          username: sql`excluded.username`,
          answeredAt: sql`now()`,
        },
      })
      .returning({
        auditEventId: appendEventSql(meetingAttendance.userId, event.draft, event.ipSealed),
      });
    return rows.length === 1;
  }

  private memberQuery(userId: string, where: SQL | undefined) {
    return this.db
      .select({
        ...getTableColumns(meetings),
        displayName: cooperatives.displayName,
        tally,
        myAnswer: sql<AttendanceAnswer | null>`(select ${meetingAttendance.answer} from ${meetingAttendance} where ${meetingAttendance.meetingId} = ${meetings.id} and ${meetingAttendance.userId} = ${userId}::uuid)`,
      })
      .from(meetings)
      .innerJoin(cooperatives, activeCooperative)
      .where(where)
      .$dynamic();
  }
}

/** Rows after the cursor in (starts_at, id) descending order. */
function before(cursor: MeetingCursor): SQL | undefined {
  return or(
    lt(meetings.startsAt, cursor.startsAt),
    and(eq(meetings.startsAt, cursor.startsAt), lt(meetings.id, cursor.id)),
  );
}

/** Rows after the cursor in (starts_at, id) ascending order. */
function afterCursor(cursor: MeetingCursor): SQL | undefined {
  return or(
    gt(meetings.startsAt, cursor.startsAt),
    and(eq(meetings.startsAt, cursor.startsAt), gt(meetings.id, cursor.id)),
  );
}
