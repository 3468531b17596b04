import { z } from 'zod';
import { keysetCursor } from '../../common/http/keyset-cursor.js';
import type { LoginCursor } from './activity.repository.js';

/** Cursors of the sign-in history: `[at, seq]` of the page's last sign-in. */
export const loginCursor = keysetCursor<LoginCursor>({
  key: z.string().regex(/^[1-9]\d{0,9}$/),
  pair: (row) => [row.at, String(row.seq)],
  position: (at, seq) => ({ at, seq: Number(seq) }),
});
