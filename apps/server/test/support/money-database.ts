import { randomBytes } from 'node:crypto';
import type { Database } from '../../src/db/database.js';
import { cooperatives } from '../../src/db/schema/index.js';
import { createTestDatabase } from './test-database.js';
import type { TestDatabase } from './test-database.js';

/** A migrated database of its own (PostgreSQL when TEST_DATABASE_URL is set), no app around it. */
export async function openMoneyDatabase(): Promise<{ test: TestDatabase; database: Database }> {
  const test = await createTestDatabase();
  const database = await test.open();
  await database.migrate();
  return { test, database };
}

/** A cooperative row, enough for money operations to reference it. */
export async function addCooperative(database: Database, coopname: string): Promise<void> {
  await database.primary.insert(cooperatives).values({
    coopname,
    displayName: coopname,
    clientSecretHash: randomBytes(16).toString('hex'),
  });
}
