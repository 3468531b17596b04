import { sql } from 'drizzle-orm';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import type { TestApp } from './test-app.js';

/** Every row of every table as JSON text: what a thief with the whole database would hold. */
export async function dumpEveryTable(app: TestApp): Promise<string> {
  const database = app.app.get<Database>(DATABASE).primary;
  const result = (await database.execute(
    sql`select table_schema, table_name from information_schema.tables where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE'`,
  )) as unknown as { rows: { table_schema: string; table_name: string }[] };
  const parts: string[] = [];
  for (const { table_schema, table_name } of result.rows) {
    const rows = (await database.execute(
      sql.raw(`select row_to_json(t)::text as row from "${table_schema}"."${table_name}" t`),
    )) as unknown as { rows: { row: string }[] };
    parts.push(`== ${table_schema}.${table_name}`, ...rows.rows.map((r) => r.row));
  }
  return parts.join('\n');
}
