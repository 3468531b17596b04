import { Injectable } from '@nestjs/common';
import type { MeetingRow } from './meetings.repository.js';

/**
 * What happened to a meeting, for announcing it: `published` (new, or published again after a
 * cancellation), `moved` (its start changed), `updated` (anything else), `cancelled`.
 */
export type MeetingChange = 'published' | 'moved' | 'updated' | 'cancelled';

/**
 * The hook the notifications step plugs into: `MeetingsService` calls `changed` after every
 * change a cooperative made committed (a republication of the same body is no change). The
 * integration sends "meeting announced" to the cooperative's confirmed members and (re)schedules
 * the 24-hour reminder here; until then nothing is announced.
 */
@Injectable()
export class MeetingAnnouncements {
  async changed(_meeting: MeetingRow, _change: MeetingChange): Promise<void> {
    // Intentionally empty until NotificationService exists (issue 13, integration step).
  }
}
