import type { CoopMeeting, Meeting } from '@cardcoop/contracts';
import type { MeetingRow, MemberMeetingRow } from './meetings.repository.js';

/** Whether members can still answer: not cancelled, before the deadline (or else the start). */
export function attendanceOpen(row: MeetingRow, now: number): boolean {
  const closesAt = row.registrationDeadline ?? row.startsAt;
  return row.cancelledAt === null && closesAt.getTime() > now;
}

/** The fields both the cooperative and its members see. */
function meetingFields(row: MeetingRow) {
  const input = row.input;
  return {
    kind: input.kind,
    title: input.title,
    description: input.description ?? null,
    agenda: input.agenda,
    starts_at: input.starts_at,
    ends_at: input.ends_at,
    time_zone: input.time_zone,
    place: input.place ?? null,
    online_url: input.online_url ?? null,
    documents: input.documents,
    registration_deadline: input.registration_deadline ?? null,
    revision: row.revision,
    cancelled_at: row.cancelledAt?.toISOString() ?? null,
    updated_at: row.updatedAt.toISOString(),
  };
}

export function toCoopMeeting(row: MeetingRow): CoopMeeting {
  return {
    id: row.id,
    external_id: row.externalId,
    ...meetingFields(row),
    created_at: row.createdAt.toISOString(),
  };
}

export function toMemberMeeting(row: MemberMeetingRow, now: number): Meeting {
  return {
    id: row.id,
    coopname: row.coopname,
    display_name: row.displayName,
    ...meetingFields(row),
    attendance: { going: row.going, not_going: row.notGoing, maybe: row.maybe },
    my_attendance: row.myAnswer,
    attendance_open: attendanceOpen(row, now),
  };
}
