import { PGlite } from '@electric-sql/pglite';
import type { Transaction } from '@electric-sql/pglite';
import pg from 'pg';

/** One statement as the server sent it: its text with `$n` placeholders and their values. */
export interface CapturedQuery {
  text: string;
  params: unknown[];
}

type QueryArgs = [unknown, unknown?, ...unknown[]];

function statementOf([query, params]: QueryArgs): CapturedQuery | undefined {
  if (typeof query === 'string') return { text: query, params: (params as unknown[]) ?? [] };
  if (query && typeof query === 'object' && 'text' in query) {
    const config = query as { text: string; values?: unknown[] };
    return { text: config.text, params: config.values ?? (params as unknown[]) ?? [] };
  }
  return undefined;
}

/**
 * Records every statement the process sends to PostgreSQL (node-postgres clients) or PGlite (its
 * queries and those of its transactions) until `stop()`: the SQL the repositories really run,
 * never a copy that could drift from it.
 */
export function captureQueries(): { queries: CapturedQuery[]; stop(): void } {
  const queries: CapturedQuery[] = [];
  const record = (args: QueryArgs) => {
    const statement = statementOf(args);
    if (statement) queries.push(statement);
  };
  const pgQuery = pg.Client.prototype.query;
  const pgliteQuery = PGlite.prototype.query;
  const pgliteTransaction = PGlite.prototype.transaction;
  pg.Client.prototype.query = function (this: pg.Client, ...args: QueryArgs) {
    record(args);
    return (pgQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pgQuery;
  PGlite.prototype.query = function (this: PGlite, ...args: QueryArgs) {
    record(args);
    return (pgliteQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pgliteQuery;
  PGlite.prototype.transaction = function <T>(
    this: PGlite,
    callback: (tx: Transaction) => Promise<T>,
  ): Promise<T> {
    return pgliteTransaction.call(this, (tx) => {
      const txQuery = tx.query.bind(tx);
      tx.query = ((...args: QueryArgs) => {
        record(args);
        return (txQuery as (...a: unknown[]) => unknown)(...args);
      }) as typeof tx.query;
      return callback(tx);
    }) as Promise<T>;
  };
  return {
    queries,
    stop() {
      pg.Client.prototype.query = pgQuery;
      PGlite.prototype.query = pgliteQuery;
      PGlite.prototype.transaction = pgliteTransaction;
    },
  };
}
