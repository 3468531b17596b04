import { z } from 'zod';
import { keysetCursor } from '../../common/http/keyset-cursor.js';
import type { MeetingCursor } from './meetings.repository.js';

/** Cursors of the meeting lists: `[starts_at, id]` of the page's last meeting. */
export const meetingCursor = keysetCursor<MeetingCursor>({
  key: z.uuid(),
  pair: (row) => [row.startsAt, row.id],
  position: (startsAt, id) => ({ startsAt, id }),
});
