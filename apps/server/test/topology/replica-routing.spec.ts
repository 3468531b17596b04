import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import type { Database } from '../../src/db/database.js';
import {
  LAG_CHECK_EVERY_MS,
  REPLICA_BENCHED_MS,
  REPLICA_MAX_LAG_MS,
} from '../../src/db/replica-routing.js';
import { testDatabaseUrl } from '../support/environment.js';
import { startPrivatePostgres, startPrivateReplica } from '../support/private-services.js';
import type { PrivatePostgres, PrivateReplica } from '../support/private-services.js';

// Where `database.replica` sends a read (ADR 022), against a real primary and a streaming
// standby made by pg_basebackup: `pg_is_in_recovery()` says which server answered.

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Long enough for the lag check to notice a replica REPLICA_MAX_LAG_MS behind. */
const LAG_NOTICED_MS = REPLICA_MAX_LAG_MS + 2 * LAG_CHECK_EVERY_MS + 300;

type Handle = Pick<Database['replica'], 'execute'>;

/** The first row of a statement (node-postgres answers `{ rows }`). */
async function firstRow<Row>(handle: Handle, statement: SQL): Promise<Row> {
  const { rows } = (await handle.execute(statement)) as unknown as { rows: Row[] };
  return rows[0]!;
}

async function answeredByStandby(handle: Handle): Promise<boolean> {
  const row = await firstRow<{ standby: boolean }>(
    handle,
    sql`select pg_is_in_recovery() as standby`,
  );
  return row.standby;
}

async function notes(handle: Handle): Promise<number> {
  return (await firstRow<{ n: number }>(handle, sql`select count(*)::int as n from notes`)).n;
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await wait(100);
  }
}

describe.runIf(testDatabaseUrl)('read replica routing (primary + streaming replica)', () => {
  let primary: PrivatePostgres;
  let replica: PrivateReplica;
  let database: Database;

  beforeAll(async () => {
    primary = await startPrivatePostgres();
    replica = await startPrivateReplica(primary);
    await primary.query('create table notes (id serial primary key, body text not null)');
    database = await openDatabase({ url: primary.url, readUrl: replica.url });
    // The replica has the table once it has replayed up to here.
    await until(async () => (await notes(database.replica).catch(() => -1)) === 0);
  }, 60_000);

  afterAll(async () => {
    await database?.close();
    await replica?.stop();
    await primary?.stop();
  });

  it('sends lag-tolerant reads to the standby and everything else to the primary', async () => {
    expect(await answeredByStandby(database.replica)).toBe(true);
    expect(await answeredByStandby(database.primary)).toBe(false);
    expect(await answeredByStandby(database.primary)).toBe(false);
  });

  it('runs transactions through the replica handle on the primary', async () => {
    const standby = await database.replica.transaction(async (tx) => {
      await tx.execute(sql`insert into notes (body) values ('in a transaction')`);
      return answeredByStandby(tx);
    });
    expect(standby).toBe(false);
    expect(await notes(database.primary)).toBe(1);
  });

  it('throws an error of the query itself instead of retrying it on the primary', async () => {
    await expect(database.replica.execute(sql`select * from no_such_table`)).rejects.toMatchObject({
      cause: expect.objectContaining({ code: '42P01' }),
    });
  });

  it('reads from the primary once the replica is more than the allowed lag behind', async () => {
    await until(async () => (await notes(database.replica)) === 1);
    await replica.pauseReplay();
    try {
      await database.primary.execute(sql`insert into notes (body) values ('while paused')`);
      // Within the allowed lag the replica still answers, with what it had.
      expect(await answeredByStandby(database.replica)).toBe(true);
      expect(await notes(database.replica)).toBe(1);
      await wait(LAG_NOTICED_MS);
      expect(await answeredByStandby(database.replica)).toBe(false);
      expect(await notes(database.replica)).toBe(2);
    } finally {
      await replica.resumeReplay();
    }
    // Caught up again: back on the replica within a check or two.
    await until(async () => answeredByStandby(database.replica));
    expect(await notes(database.replica)).toBe(2);
  });

  it('answers from the primary, without an error, while the replica is down', async () => {
    await replica.halt();
    try {
      const started = Date.now();
      for (let i = 0; i < 20; i += 1) {
        expect(await answeredByStandby(database.replica)).toBe(false);
        expect(await notes(database.replica)).toBe(2);
      }
      // Refused connections fail fast, and the benched replica is not even tried.
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await replica.resume();
    }
    await wait(REPLICA_BENCHED_MS);
    await until(async () => answeredByStandby(database.replica));
  }, 30_000);
});
