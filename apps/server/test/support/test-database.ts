import pg from 'pg';
import { openDatabase } from '../../src/db/database.js';
import type { Database } from '../../src/db/database.js';
import { testDatabaseUrl, uniqueName } from './environment.js';

export interface TestDatabase {
  /** Connection string of a fresh database, or undefined on PGlite. */
  url: string | undefined;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A database of its own for one test file: a new PostgreSQL database on the CI server
 * (dropped afterwards), or an in-memory PGlite.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!testDatabaseUrl) {
    return {
      url: undefined,
      open: () => openDatabase({ dataDir: 'memory://' }),
      drop: async () => {},
    };
  }
  const name = uniqueName('cardcoop_test');
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(testDatabaseUrl, name);
  return {
    url,
    open: () => openDatabase({ url, poolMax: 5 }),
    drop: () =>
      admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => {},
      ),
  };
}

/** Another connection to an existing test database; dropping it is its creator's job. */
export function sharedDatabase(url: string): TestDatabase {
  return { url, open: () => openDatabase({ url, poolMax: 5 }), drop: async () => {} };
}
