import { z } from 'zod';
import { keysetCursor } from '../../common/http/keyset-cursor.js';

/** A position in a list of payment requests: after (or before) this (created_at, id). */
export interface RequestCursor {
  createdAt: Date;
  id: string;
}

/** Cursors of the payment request lists: `[created_at, id]` of the page's last request. */
export const requestCursor = keysetCursor<RequestCursor>({
  key: z.uuid(),
  pair: (row) => [row.createdAt, row.id],
  position: (createdAt, id) => ({ createdAt, id }),
});
