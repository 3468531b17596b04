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

/** A scan in a plan: its node type, relation, and whether an index condition narrows it. */
export interface PlanScan {
  node: string;
  relation: string;
  /** An index scan without a condition reads the whole index (a sequential scan in disguise). */
  indexCond: boolean;
  /** Under a `Limit`: the scan stops after a few rows. */
  limited: boolean;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

function scansIn(node: PlanNode, limited: boolean, into: PlanScan[]): PlanScan[] {
  const underLimit = limited || node['Node Type'] === 'Limit';
  if (node['Relation Name'])
    into.push({
      node: node['Node Type'],
      relation: node['Relation Name'],
      indexCond: node['Index Cond'] !== undefined || node['Node Type'].startsWith('Bitmap'),
      limited: underLimit,
    });
  for (const child of node.Plans ?? []) scansIn(child, underLimit, into);
  return into;
}

/**
 * The scans of a statement given as text with `$n` placeholders and their values (as captured
 * from the driver), planned like {@link planOf} with sequential scans priced out.
 */
export async function scansOf(
  database: Database,
  statement: { text: string; params: unknown[] },
): Promise<PlanScan[]> {
  const parts = statement.text.split(/\$(\d+)/);
  const query = sql.join(
    parts.map((part, i) =>
      i % 2 === 0 ? sql.raw(part) : sql.param(statement.params[Number(part) - 1]),
    ),
  );
  return database.primary.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    const result = (await tx.execute(sql`explain (format json) ${query}`)) as unknown as {
      rows: { 'QUERY PLAN': [{ Plan: PlanNode }] | string }[];
    };
    const raw = result.rows[0]!['QUERY PLAN'];
    const [{ Plan }] = typeof raw === 'string' ? (JSON.parse(raw) as [{ Plan: PlanNode }]) : raw;
    return scansIn(Plan, false, []);
  });
}
