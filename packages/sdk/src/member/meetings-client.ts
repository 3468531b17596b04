import { calendarFeedSchema, meetingListSchema, meetingSchema } from '@cardcoop/contracts';
import type {
  AttendanceAnswer,
  CalendarFeed,
  Meeting,
  MeetingList,
  MeetingListQuery,
} from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { withQuery } from '../http.js';
import type { MemberSessionManager } from '../session/manager.js';

const MEETINGS_PATH = '/api/v1/meetings';

/**
 * General meetings and events of the cooperatives where the member's membership is confirmed,
 * their answers, and the secret calendar (iCal) feed.
 *
 * @example
 * ```ts
 * const { meetings } = await member.meetings.list({ from: '2027-03-01T00:00:00+03:00', to: '2027-04-01T00:00:00+03:00' });
 * await member.meetings.setAttendance(meetings[0].id, 'going');
 * const { url } = await member.meetings.createCalendarFeed(); // shown once: subscribe to it
 * ```
 */
export interface MeetingsClient {
  /** Upcoming by default; `when: 'past' | 'all'`; `from`/`to` for a calendar month; `after` = `next`. */
  list(query?: MeetingListQuery): Promise<MeetingList>;
  /** One meeting; `NOT_FOUND` when it is not of a cooperative where the member is confirmed. */
  get(id: string): Promise<Meeting>;
  /**
   * Going, not going or maybe (replaces an earlier answer); `ATTENDANCE_CLOSED` after the
   * registration deadline or the start, or for a cancelled meeting.
   */
  setAttendance(id: string, answer: AttendanceAnswer): Promise<Meeting>;
  /** A new secret feed URL (shown this once); any previous one stops working. */
  createCalendarFeed(): Promise<CalendarFeed>;
  /** Ends the feed (its URL answers 404); `NOT_FOUND` when there is none. */
  revokeCalendarFeed(): Promise<void>;
}

export function createMeetingsClient(session: MemberSessionManager): MeetingsClient {
  const meetingPath = (id: string) => `${MEETINGS_PATH}/${encodeURIComponent(id)}`;
  return {
    list: async (query = {}) => {
      return parseResponse(
        meetingListSchema,
        await session.request(withQuery(MEETINGS_PATH, query)),
        'meetings',
      );
    },
    get: async (id) =>
      parseResponse(meetingSchema, await session.request(meetingPath(id)), 'meetings'),
    setAttendance: async (id, answer) =>
      parseResponse(
        meetingSchema,
        await session.request(`${meetingPath(id)}/attendance`, { method: 'PUT', body: { answer } }),
        'meetings/attendance',
      ),
    createCalendarFeed: async () =>
      parseResponse(
        calendarFeedSchema,
        await session.request(`${MEETINGS_PATH}/calendar-feed`, { method: 'POST' }),
        'meetings/calendar-feed',
      ),
    revokeCalendarFeed: async () => {
      await session.request(`${MEETINGS_PATH}/calendar-feed`, { method: 'DELETE' });
    },
  };
}
