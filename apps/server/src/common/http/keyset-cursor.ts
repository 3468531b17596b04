import { z } from 'zod';
import { AppError } from '../errors/app-error.js';

/**
 * The opaque cursor of a keyset-paginated list: base64url of the JSON `[timestamp, key]` of the
 * page's last row, where `key` breaks ties between rows of the same timestamp. `pair` and
 * `position` map a list's own row shape to and from that pair.
 *
 * @example
 * ```ts
 * const cursor = keysetCursor<{ createdAt: Date; id: string }>({
 *   key: z.uuid(),
 *   pair: (row) => [row.createdAt, row.id],
 *   position: (createdAt, id) => ({ createdAt, id }),
 * });
 * ```
 */
export function keysetCursor<T>(shape: {
  key: z.ZodType<string>;
  pair: (row: T) => [Date, string];
  position: (at: Date, key: string) => T;
}) {
  const schema = z.tuple([z.iso.datetime(), shape.key]);
  const encode = (row: T): string => {
    const [at, key] = shape.pair(row);
    return Buffer.from(JSON.stringify([at.toISOString(), key])).toString('base64url');
  };
  return {
    encode,
    /** @throws AppError `VALIDATION_FAILED` (at `after`) for anything but a cursor of this list. */
    decode(value: string | undefined): T | undefined {
      if (value === undefined) return undefined;
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
      } catch {
        parsed = undefined;
      }
      const cursor = schema.safeParse(parsed);
      if (!cursor.success) {
        throw new AppError('VALIDATION_FAILED', 422, {
          details: [{ path: 'after', code: 'custom', message: 'not a cursor of this list' }],
        });
      }
      return shape.position(new Date(cursor.data[0]), cursor.data[1]);
    },
    /** The next page's cursor: the last row's when the page is full (there may be more). */
    next(rows: T[], limit: number): string | null {
      const last = rows.at(-1);
      return last && rows.length === limit ? encode(last) : null;
    },
  };
}
