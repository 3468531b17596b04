import { z } from 'zod';

/** The largest revision a PostgreSQL `integer` column (every `revision`) can hold. */
export const MAX_REVISION = 2_147_483_647;

/**
 * `expected_revision` of a compare-and-swap write: from `min` (0 where 0 means "none yet") to
 * what the column holds, so that a larger number is a 422 and not a database error.
 */
export const expectedRevisionSchema = (min: 0 | 1) => z.number().int().min(min).max(MAX_REVISION);
