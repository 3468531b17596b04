// Database statements per request, from PostgreSQL's own counters: every statement the server
// sends outside a transaction is one transaction, so the growth of the benchmark database's
// commits and rollbacks over `count` requests sent one at a time, less what the idle server
// commits in as long (its job scheduler), divided by `count`.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/** PostgreSQL 15 flushes an idle backend's counters within 10 s. */
const FLUSH_WAIT_MS = 11_000;

async function transactions(client) {
  await client.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await client.query(
    'SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()',
  );
  return Number(rows[0].n);
}

/** Transactions per second of the idle server, and per request of `send` called `count` times. */
export async function statementsPerRequest(databaseUrl, send, count) {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const idleStart = await transactions(client);
    await sleep(FLUSH_WAIT_MS);
    // This client's own two queries count as well.
    const idleGrowth = (await transactions(client)) - idleStart;
    const started = performance.now();
    const before = await transactions(client);
    for (let i = 0; i < count; i += 1) await send(i);
    await sleep(FLUSH_WAIT_MS);
    const elapsedMs = performance.now() - started;
    const grown = (await transactions(client)) - before;
    const idle = (idleGrowth * elapsedMs) / FLUSH_WAIT_MS;
    return {
      requests: count,
      transactions: grown,
      idleTransactionsSubtracted: Math.round(idle),
      perRequest: Math.round(((grown - idle) / count) * 10) / 10,
    };
  } finally {
    await client.end();
  }
}
