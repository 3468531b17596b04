import { sql } from 'drizzle-orm';
import type { SQLWrapper } from 'drizzle-orm';
import type { Database } from '../../src/db/database.js';

/**
 * The plan PostgreSQL picks for `query` when sequential scans are priced out (`enable_seqscan`
 * off, in its own transaction): a `Seq Scan` still in it means no index can serve the query,
 * whatever the size of the tables in the test database.
 */
export async function planOf(database: Database, query: SQLWrapper): Promise<string> {
  return database.primary.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    const result = (await tx.execute(sql`explain ${query}`)) as unknown as {
      rows: { 'QUERY PLAN': string }[];
    };
    return result.rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}
