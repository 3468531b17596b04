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
  /** The index it reads, if any (a bitmap scan's first). */
  index: string | undefined;
  /**
   * Whether an index condition narrows the scan. An index scan without a condition, or whose
   * condition leaves the index's first column free (`username = …` on an index of
   * `(coopname, username)`), reads the whole index: a sequential scan in disguise.
   */
  indexCond: boolean;
  /** Under a `Limit`: the scan stops after a few rows. */
  limited: boolean;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

/** The index scans under a node that reach the table through these indexes (bitmap scans). */
const bitmapIndexScans = (node: PlanNode): PlanNode[] =>
  node['Node Type'] === 'Bitmap Index Scan' ? [node] : (node.Plans ?? []).flatMap(bitmapIndexScans);

/**
 * `leading`: each index's first column (none for an expression index); `servable(relation)`:
 * whether the statement compares the first column of one of the relation's indexes (so an index
 * could narrow the scan, and a plan that picks another one on the test's nearly empty tables is
 * a choice of the statistics, not a missing index).
 */
function scansIn(
  node: PlanNode,
  limited: boolean,
  leading: Map<string, string | null>,
  servable: (relation: string) => boolean,
  into: PlanScan[],
): PlanScan[] {
  const underLimit = limited || node['Node Type'] === 'Limit';
  const relation = node['Relation Name'];
  // The condition names the first column (a word of the condition's text), or the index has none.
  const narrows = (scan: PlanNode) => {
    const column = leading.get(scan['Index Name'] ?? '');
    const condition = scan['Index Cond'];
    if (condition === undefined) return false;
    return !column || new RegExp(`\\b${column}\\b`).test(condition) || servable(relation!);
  };
  if (relation)
    into.push({
      node: node['Node Type'],
      relation,
      index: node['Index Name'] ?? bitmapIndexScans(node)[0]?.['Index Name'],
      indexCond: node['Node Type'].startsWith('Bitmap')
        ? bitmapIndexScans(node).every(narrows)
        : narrows(node),
      limited: underLimit,
    });
  for (const child of node.Plans ?? []) scansIn(child, underLimit, leading, servable, into);
  return into;
}

const relations = (node: PlanNode): string[] => [
  ...(node['Relation Name'] ? [node['Relation Name']] : []),
  ...(node.Plans ?? []).flatMap(relations),
];

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
    const tables = [...new Set(relations(Plan))];
    const indexes = tables.length
      ? (
          (await tx.execute(sql`
          select t.relname as table, c.relname as index, a.attname as column
          from pg_index i
          join pg_class c on c.oid = i.indexrelid
          join pg_class t on t.oid = i.indrelid
          left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
          where t.relname in (${sql.join(
            tables.map((name) => sql`${name}`),
            sql`, `,
          )})`)) as unknown as { rows: { table: string; index: string; column: string | null }[] }
        ).rows
      : [];
    const leading = new Map(indexes.map((row) => [row.index, row.column]));
    const compares = (column: string) =>
      new RegExp(`"${column}"\\s*(=|in\\b)`, 'i').test(statement.text);
    const servable = (table: string) =>
      indexes.some((row) => row.table === table && row.column !== null && compares(row.column));
    return scansIn(Plan, false, leading, servable, []);
  });
}
