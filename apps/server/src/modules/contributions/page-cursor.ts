import { z } from 'zod';
import { AppError } from '../../common/errors/app-error.js';

/** A position in a list of payment requests: after (or before) this (created_at, id). */
export interface RequestCursor {
  createdAt: Date;
  id: string;
}

const cursorSchema = z.tuple([z.iso.datetime(), z.uuid()]);

/** The cursor: base64url of the JSON `[created_at, id]` of the page's last request. */
export const encodeCursor = (cursor: RequestCursor): string =>
  Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString('base64url');

/** @throws AppError `VALIDATION_FAILED` (at `after`) for anything but a cursor of these lists. */
export function decodeCursor(value: string | undefined): RequestCursor | undefined {
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
  return { createdAt: new Date(cursor.data[0]), id: cursor.data[1] };
}

/** The next page's cursor: the last row's, when the page is full (there may be more). */
export function nextCursor(rows: RequestCursor[], limit: number): string | null {
  const last = rows.at(-1);
  return last && rows.length === limit ? encodeCursor(last) : null;
}
