import {
  coopAttendanceSchema,
  coopMeetingListSchema,
  coopMeetingSchema,
  meetingInputSchema,
} from '@cardcoop/contracts';
import type {
  CoopAttendance,
  CoopMeeting,
  CoopMeetingList,
  PublishMeeting,
} from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { withQuery } from '../http.js';
import { coopRequest } from './client-credentials.js';
import type { CoopCredentials } from './client-credentials.js';

const MEETINGS_PATH = '/api/v1/coop/meetings';
const meetingPath = (externalId: string) => `${MEETINGS_PATH}/${encodeURIComponent(externalId)}`;

/**
 * Publishes (creates or updates) the cooperative's meeting under its own id. Idempotent: the
 * same body again answers the same meeting without a new revision; another body makes one.
 * Publishing a cancelled meeting again restores it.
 *
 * @throws TypeError when `meeting` breaks the contract (checked before sending);
 *   CardCoopError `VALIDATION_FAILED` from the server, `UNAUTHORIZED` for wrong credentials.
 * @example
 * ```ts
 * await publishMeeting(credentials, 'gm-2027', {
 *   kind: 'general_meeting',
 *   title: 'Общее собрание пайщиков',
 *   agenda: [{ title: 'Отчёт совета' }],
 *   starts_at: '2027-03-10T18:30:00+03:00',
 *   ends_at: '2027-03-10T20:00:00+03:00',
 *   time_zone: 'Europe/Moscow',
 *   place: 'Москва, ул. Тверская, 1',
 * });
 * ```
 */
export async function publishMeeting(
  credentials: CoopCredentials,
  externalId: string,
  meeting: PublishMeeting,
): Promise<CoopMeeting> {
  const checked = meetingInputSchema.safeParse(meeting);
  if (!checked.success) throw new TypeError(`Invalid meeting: ${checked.error.message}`);
  return parseResponse(
    coopMeetingSchema,
    await coopRequest(credentials, meetingPath(externalId), { method: 'PUT', body: checked.data }),
    'coop/meetings',
  );
}

/**
 * Cancels the meeting: members (and their calendars) still see it, marked cancelled. Cancelling
 * again is a no-op.
 *
 * @throws CardCoopError `NOT_FOUND` for an id the cooperative never published.
 * @example
 * ```ts
 * await cancelMeeting(credentials, 'gm-2027');
 * ```
 */
export async function cancelMeeting(
  credentials: CoopCredentials,
  externalId: string,
): Promise<void> {
  await coopRequest(credentials, meetingPath(externalId), { method: 'DELETE' });
}

/**
 * The cooperative's meetings, latest start first, a page at a time: pass the previous page's
 * `next` as `after`.
 *
 * @example
 * ```ts
 * let page = await listMeetings(credentials);
 * while (page.next) page = await listMeetings(credentials, { after: page.next });
 * ```
 */
export async function listMeetings(
  credentials: CoopCredentials,
  query: { after?: string; limit?: number } = {},
): Promise<CoopMeetingList> {
  return parseResponse(
    coopMeetingListSchema,
    await coopRequest(credentials, withQuery(MEETINGS_PATH, query)),
    'coop/meetings',
  );
}

/**
 * The answers to the meeting so far: counts, and the usernames of the members who gave them.
 *
 * @throws CardCoopError `NOT_FOUND` for an id the cooperative never published.
 * @example
 * ```ts
 * const { counts, answers } = await meetingAttendance(credentials, 'gm-2027');
 * ```
 */
export async function meetingAttendance(
  credentials: CoopCredentials,
  externalId: string,
): Promise<CoopAttendance> {
  return parseResponse(
    coopAttendanceSchema,
    await coopRequest(credentials, `${meetingPath(externalId)}/attendance`),
    'coop/meetings/attendance',
  );
}
