import { randomBytes } from 'node:crypto';

/** Real PostgreSQL and Redis when CI provides them; embedded PGlite and the in-process cache otherwise. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;
export const testRedisUrl = process.env.TEST_REDIS_URL || undefined;

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}
