import { z } from 'zod';
import { base64Url } from './auth.js';

/** A general meeting of the cooperative's members (общее собрание), or any other event. */
export const MEETING_KINDS = ['general_meeting', 'event'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** A member's answer to a meeting's invitation. */
export const ATTENDANCE_ANSWERS = ['going', 'not_going', 'maybe'] as const;
export type AttendanceAnswer = (typeof ATTENDANCE_ANSWERS)[number];

/** Whether `name` is an IANA time zone this runtime knows (e.g. `Europe/Moscow`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** An ISO 8601 date-time with `Z` or a numeric offset: an instant, never a wall-clock time. */
const instantSchema = z.iso.datetime({ offset: true });
/** Milliseconds of a valid instant; NaN (never comparable) for anything else. */
const instantMs = (value: string) =>
  instantSchema.safeParse(value).success ? Date.parse(value) : Number.NaN;
const httpsUrlSchema = z.url({ protocol: /^https$/, error: 'must be an https URL' }).max(2000);

export const meetingExternalIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._~-]{1,100}$/, '1–100 of A–Z, a–z, 0–9, ".", "_", "~", "-"');

export const agendaItemSchema = z.object({
  title: z.string().trim().min(1).max(300),
  speaker: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(5000).optional(),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const meetingDocumentSchema = z.object({
  title: z.string().trim().min(1).max(300),
  url: httpsUrlSchema,
});
export type MeetingDocument = z.infer<typeof meetingDocumentSchema>;

/**
 * A meeting as the cooperative publishes it (`PUT /coop/meetings/{external_id}`). Times are
 * instants with an offset; `time_zone` is where the meeting happens, for showing it (and for the
 * calendar feed). At least a place or an online link.
 */
export const meetingInputSchema = z
  .object({
    kind: z.enum(MEETING_KINDS),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(20_000).optional(),
    /** In the order they are discussed. */
    agenda: z.array(agendaItemSchema).max(100).default([]),
    starts_at: instantSchema,
    ends_at: instantSchema,
    time_zone: z.string().max(64).refine(isTimeZone, 'not an IANA time zone'),
    /** The address. */
    place: z.string().trim().min(1).max(500).optional(),
    online_url: httpsUrlSchema.optional(),
    documents: z.array(meetingDocumentSchema).max(50).default([]),
    /** Attendance can be answered until then (and never after the start). */
    registration_deadline: instantSchema.optional(),
  })
  .superRefine((meeting, context) => {
    // Zod runs this even when a time failed its own format: compare valid instants only.
    const starts = instantMs(meeting.starts_at);
    if (instantMs(meeting.ends_at) <= starts) {
      context.addIssue({ code: 'custom', path: ['ends_at'], message: 'must be after starts_at' });
    }
    if (
      meeting.registration_deadline !== undefined &&
      instantMs(meeting.registration_deadline) > starts
    ) {
      context.addIssue({
        code: 'custom',
        path: ['registration_deadline'],
        message: 'must not be after starts_at',
      });
    }
    if (meeting.place === undefined && meeting.online_url === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['place'],
        message: 'a place or an online_url is required',
      });
    }
  });
export type MeetingInput = z.infer<typeof meetingInputSchema>;
/** What a cooperative sends: `agenda` and `documents` may be left out (empty). */
export type PublishMeeting = z.input<typeof meetingInputSchema>;

export const attendanceCountsSchema = z.object({
  going: z.number().int(),
  not_going: z.number().int(),
  maybe: z.number().int(),
});
export type AttendanceCounts = z.infer<typeof attendanceCountsSchema>;

const meetingFields = {
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  description: z.string().nullable(),
  agenda: z.array(agendaItemSchema),
  starts_at: z.string(),
  ends_at: z.string(),
  time_zone: z.string(),
  place: z.string().nullable(),
  online_url: z.string().nullable(),
  documents: z.array(meetingDocumentSchema),
  registration_deadline: z.string().nullable(),
  /** Bumped by every change the cooperative makes (the calendar's SEQUENCE). */
  revision: z.number().int(),
  /** Set when the cooperative cancelled it; a cancelled meeting stays listed. */
  cancelled_at: z.string().nullable(),
  updated_at: z.string(),
};

/** A meeting as its cooperative sees it (`/coop/meetings`). */
export const coopMeetingSchema = z.object({
  id: z.uuid(),
  external_id: z.string(),
  ...meetingFields,
  created_at: z.string(),
});
export type CoopMeeting = z.infer<typeof coopMeetingSchema>;

export const coopMeetingListSchema = z.object({
  meetings: z.array(coopMeetingSchema),
  /** The cursor of the next page; null on the last page. */
  next: z.string().nullable(),
});
export type CoopMeetingList = z.infer<typeof coopMeetingListSchema>;

/** A meeting as a member sees it (`/meetings`). */
export const meetingSchema = z.object({
  id: z.uuid(),
  coopname: z.string(),
  /** The cooperative's name. */
  display_name: z.string(),
  ...meetingFields,
  attendance: attendanceCountsSchema,
  /** The member's own answer; null before they gave one. */
  my_attendance: z.enum(ATTENDANCE_ANSWERS).nullable(),
  /** Whether attendance can still be answered (before the deadline and the start, not cancelled). */
  attendance_open: z.boolean(),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const meetingListSchema = z.object({
  meetings: z.array(meetingSchema),
  next: z.string().nullable(),
});
export type MeetingList = z.infer<typeof meetingListSchema>;

/**
 * The member's list (`GET /meetings`): `upcoming` (not ended yet, soonest first; the default) or
 * `past` (latest first); `from`/`to` narrow it to meetings overlapping that span (a month on a
 * calendar). `after` is the `next` of the previous page.
 */
export const meetingListQuerySchema = z
  .object({
    when: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
    from: instantSchema.optional(),
    to: instantSchema.optional(),
    after: base64Url.max(300).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !q.from || !q.to || !(instantMs(q.to) <= instantMs(q.from)), {
    path: ['to'],
    message: 'must be after from',
  });
export type MeetingListQuery = z.input<typeof meetingListQuerySchema>;

/** The cooperative's own list (`GET /coop/meetings`): newest start first. */
export const coopMeetingListQuerySchema = z.object({
  after: base64Url.max(300).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const setAttendanceSchema = z.object({ answer: z.enum(ATTENDANCE_ANSWERS) });
export type SetAttendance = z.infer<typeof setAttendanceSchema>;

/** Who answered (`GET /coop/meetings/{external_id}/attendance`): the cooperative's usernames. */
export const coopAttendanceSchema = z.object({
  counts: attendanceCountsSchema,
  answers: z.array(
    z.object({
      username: z.string(),
      answer: z.enum(ATTENDANCE_ANSWERS),
      answered_at: z.string(),
    }),
  ),
});
export type CoopAttendance = z.infer<typeof coopAttendanceSchema>;

/**
 * The member's secret calendar (iCal) URL: shown once, at creation or rotation. Calendars
 * subscribe to it; revoking (or rotating) it makes the old URL answer 404.
 */
export const calendarFeedSchema = z.object({ url: z.url() });
export type CalendarFeed = z.infer<typeof calendarFeedSchema>;
