import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { testDatabaseUrl } from '../support/environment.js';
import { createTestDatabase } from '../support/test-database.js';
import type { TestDatabase } from '../support/test-database.js';

const journal = JSON.parse(
  readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'),
) as {
  entries: { tag: string }[];
};

/** Both drivers answer `execute` with `{ rows }`. */
async function query<T>(database: Database, statement: SQL): Promise<T[]> {
  const result = (await database.primary.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

async function appliedCount(database: Database): Promise<number> {
  const rows = await query<{ count: string | number }>(
    database,
    sql`select count(*) as count from drizzle.__drizzle_migrations`,
  );
  return Number(rows[0]?.count);
}

describe(`migrations on ${testDatabaseUrl ? 'PostgreSQL' : 'PGlite'}`, () => {
  let target: TestDatabase;
  const opened: Database[] = [];

  beforeAll(async () => {
    target = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(opened.map((database) => database.close()));
    await target.drop();
  });

  it('applies every checked-in migration exactly once, even when nodes migrate at the same time', async () => {
    // On PostgreSQL these are separate pools, like separate nodes; PGlite is one embedded connection.
    const nodes = testDatabaseUrl
      ? await Promise.all([target.open(), target.open(), target.open()])
      : [await target.open()];
    opened.push(...nodes);
    const runs = testDatabaseUrl
      ? nodes.map((node) => node.migrate())
      : [nodes[0]!.migrate(), nodes[0]!.migrate()];
    await Promise.all(runs);

    expect(journal.entries.length).toBeGreaterThan(0);
    expect(await appliedCount(nodes[0]!)).toBe(journal.entries.length);
    const tables = await query<{ table_name: string }>(
      nodes[0]!,
      sql`select table_name from information_schema.tables where table_schema = 'public'`,
    );
    expect(tables.map((row) => row.table_name)).toContain('users');
  });

  it('is a no-op when run again', async () => {
    const database = opened[0]!;
    await database.migrate();
    expect(await appliedCount(database)).toBe(journal.entries.length);
  });

  it('leaves the advisory lock free afterwards', async () => {
    const locks = await query<{ count: string | number }>(
      opened[0]!,
      sql`select count(*) as count from pg_locks where locktype = 'advisory'`,
    );
    expect(Number(locks[0]?.count)).toBe(0);
  });
});
