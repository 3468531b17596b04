import { AppError } from '../../common/errors/app-error.js';

/** A keyset position: the last row's time and id (lists newest first). */
export interface Keyset {
  at: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `(at, id)` as an opaque cursor (base64url JSON). */
export const cursorOf = (at: Date, id: string): string =>
  Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');

/** The position of a cursor; 422 VALIDATION_FAILED for one this API did not make. */
export function parseCursor(cursor: string | undefined): Keyset | undefined {
  if (!cursor) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || typeof id !== 'string' || !UUID.test(id)) {
      throw new Error('bad cursor');
    }
    return { at: date, id };
  } catch {
    throw new AppError('VALIDATION_FAILED', 422, {
      details: [{ path: 'cursor', code: 'custom', message: 'not a cursor of this list' }],
    });
  }
}

/** Midnight UTC starting the day `YYYY-MM-DD`, and the one after it. */
export const dayStart = (day: string): Date => new Date(`${day}T00:00:00Z`);
export const dayAfter = (day: string): Date => new Date(dayStart(day).getTime() + 86_400_000);
