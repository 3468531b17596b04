import { z } from 'zod';
import { AppError } from '../../common/errors/app-error.js';
import type { MeetingCursor } from './meetings.repository.js';

/** A list cursor: base64url of the JSON `[starts_at, id]` of the page's last meeting. */
const cursorSchema = z.tuple([z.iso.datetime(), z.uuid()]);

export const encodeMeetingCursor = (cursor: MeetingCursor): string =>
  Buffer.from(JSON.stringify([cursor.startsAt.toISOString(), cursor.id])).toString('base64url');

/** The cursor a client sent back; 422 on `after` when it is not one of ours. */
export function decodeMeetingCursor(value: string | undefined): MeetingCursor | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const cursor = cursorSchema.safeParse(parsed);
  if (!cursor.success) {
    throw new AppError('VALIDATION_FAILED', 422, {
      details: [{ path: 'after', code: 'custom', message: 'not a cursor of this list' }],
    });
  }
  return { startsAt: new Date(cursor.data[0]), id: cursor.data[1] };
}

/** The `next` of a page: the last row's cursor when the page is full, null otherwise. */
export function nextCursor(rows: MeetingCursor[], limit: number): string | null {
  const last = rows.at(-1);
  return last && rows.length === limit ? encodeMeetingCursor(last) : null;
}
