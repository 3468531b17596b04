import { Inject, Injectable } from '@nestjs/common';
import type {
  AttendanceAnswer,
  CoopAttendance,
  CoopMeeting,
  CoopMeetingList,
  Meeting,
  MeetingInput,
  MeetingList,
} from '@cardcoop/contracts';
import type { coopMeetingListQuerySchema, meetingListQuerySchema } from '@cardcoop/contracts';
import type { z } from 'zod';
import { AppError } from '../../common/errors/app-error.js';
import { sameJson } from '../../common/same-json.js';
import { CLOCK } from '../../infra/clock/clock.js';
import type { Clock } from '../../infra/clock/clock.js';
import { appendActorEvent } from '../audit/actor-event.repository.js';
import type { ActorEvent } from '../audit/actor-event.repository.js';
import { AuditService } from '../audit/audit.service.js';
import { CardAccountsService } from '../card/card-accounts.service.js';
import { MeetingAnnouncements } from './meeting-announcements.js';
import type { MeetingChange } from './meeting-announcements.js';
import { meetingCursor } from './meeting-cursor.js';
import { attendanceOpen, toCoopMeeting, toMemberMeeting } from './meeting-views.js';
import { MeetingsRepository } from './meetings.repository.js';
import type { MeetingRow } from './meetings.repository.js';

type ListQuery = z.output<typeof meetingListQuerySchema>;
type CoopListQuery = z.output<typeof coopMeetingListQuerySchema>;

const notFound = () => new AppError('NOT_FOUND', 404);

/**
 * Meetings a cooperative publishes under its own ids, and what its members see of them: only
 * members with an open account whose membership the cooperative confirmed.
 */
@Injectable()
export class MeetingsService {
  constructor(
    @Inject(MeetingsRepository) private readonly meetings: MeetingsRepository,
    @Inject(CardAccountsService) private readonly accounts: CardAccountsService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(MeetingAnnouncements) private readonly announcements: MeetingAnnouncements,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Creates or updates the cooperative's meeting `externalId`. The same body again changes
   * nothing (same answer, same revision); another body is a new revision. `actor`: the staff
   * member's event, committed with the change (none when nothing changed).
   */
  async publish(
    coopname: string,
    externalId: string,
    input: MeetingInput,
    actor?: ActorEvent,
  ): Promise<CoopMeeting> {
    const existing = await this.meetings.findByExternalId(coopname, externalId);
    if (existing && existing.cancelledAt === null && sameJson(existing.input, input)) {
      return toCoopMeeting(existing);
    }
    const row = await this.meetings.upsert(coopname, externalId, input, async (tx, upserted) => {
      await this.announcements.changed(upserted, changeOf(existing, upserted), tx);
      await appendActorEvent(tx, actor);
    });
    this.announcements.committed();
    return toCoopMeeting(row);
  }

  /**
   * Cancels the meeting (kept, marked); cancelling again is a no-op. 404 for another's or none.
   * `actor`: the staff member's event, committed with the change.
   */
  async cancel(coopname: string, externalId: string, actor?: ActorEvent): Promise<void> {
    const row = await this.meetings.cancel(coopname, externalId, async (tx, cancelled) => {
      await this.announcements.changed(cancelled, 'cancelled', tx);
      await appendActorEvent(tx, actor);
    });
    if (row) {
      this.announcements.committed();
      return;
    }
    if (!(await this.meetings.findByExternalId(coopname, externalId))) throw notFound();
  }

  async listOfCooperative(coopname: string, query: CoopListQuery): Promise<CoopMeetingList> {
    const rows = await this.meetings.listOfCooperative(
      coopname,
      meetingCursor.decode(query.after),
      query.limit,
    );
    return { meetings: rows.map(toCoopMeeting), next: meetingCursor.next(rows, query.limit) };
  }

  /** The answers to the cooperative's meeting: counts and the usernames that gave them. */
  async attendance(coopname: string, externalId: string): Promise<CoopAttendance> {
    const meeting = await this.meetings.findByExternalId(coopname, externalId);
    if (!meeting) throw notFound();
    const answers = await this.meetings.answers(meeting.id);
    const counts = { going: 0, not_going: 0, maybe: 0 };
    for (const { answer } of answers) counts[answer] += 1;
    return {
      counts,
      answers: answers.map((a) => ({
        username: a.username,
        answer: a.answer,
        answered_at: a.answeredAt.toISOString(),
      })),
    };
  }

  /** `confirmed`: the member's cooperatives with a confirmed membership, when the caller knows them. */
  async listForMember(
    userId: string,
    query: ListQuery,
    confirmed?: string[],
  ): Promise<MeetingList> {
    const coopnames = confirmed ?? [...(await this.confirmedAccounts(userId)).keys()];
    const rows = await this.meetings.listForMember(userId, coopnames, {
      when: query.when,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
      after: meetingCursor.decode(query.after),
      limit: query.limit,
    });
    const now = this.clock.now();
    return {
      meetings: rows.map((row) => toMemberMeeting(row, now)),
      next: meetingCursor.next(rows, query.limit),
    };
  }

  /** One meeting of the member's cooperatives; 404 for any other. */
  async getForMember(userId: string, id: string): Promise<Meeting> {
    const row = await this.meetings.findForMember(
      userId,
      [...(await this.confirmedAccounts(userId)).keys()],
      id,
    );
    if (!row) throw notFound();
    return toMemberMeeting(row, this.clock.now());
  }

  /**
   * The member's answer, recorded with its audit event; 409 ATTENDANCE_CLOSED once the meeting
   * is cancelled or its deadline (or start) has passed. The same answer again changes nothing.
   */
  async setAttendance(
    userId: string,
    id: string,
    answer: AttendanceAnswer,
    ip: string,
  ): Promise<Meeting> {
    const accounts = await this.confirmedAccounts(userId);
    const meeting = await this.meetings.findForMember(userId, [...accounts.keys()], id);
    if (!meeting) throw notFound();
    const now = this.clock.now();
    if (meeting.myAnswer === answer && attendanceOpen(meeting, now)) {
      return toMemberMeeting(meeting, now);
    }
    const username = accounts.get(meeting.coopname)!;
    const recorded = await this.meetings.answer(
      { meetingId: id, userId, username, answer },
      this.audit.eventFor(
        userId,
        'meeting.attendance',
        { coopname: meeting.coopname, username, meeting_id: id, answer },
        ip,
      ),
    );
    if (!recorded) throw new AppError('ATTENDANCE_CLOSED', 409);
    return this.getForMember(userId, id);
  }

  /** The member's open accounts with a confirmed membership: coopname → username. */
  async confirmedAccounts(userId: string): Promise<Map<string, string>> {
    const accounts = await this.accounts.list(userId);
    return new Map(
      accounts
        .filter((a) => a.closed_at === null && a.membership === 'confirmed')
        .map((a) => [a.coopname, a.username]),
    );
  }
}

function changeOf(before: MeetingRow | undefined, after: MeetingRow): MeetingChange {
  if (!before || before.cancelledAt !== null) return 'published';
  const where = (row: MeetingRow) => [
    row.startsAt.getTime(),
    row.endsAt.getTime(),
    row.input.place,
    row.input.online_url,
  ];
  return sameJson(where(before), where(after)) ? 'updated' : 'moved';
}
