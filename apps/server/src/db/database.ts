import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Config } from '../config/config.schema.js';
import * as schema from './schema/index.js';
import { lockDataDir } from './data-dir-lock.js';
import { MIGRATIONS_DIR, withMigrationLock } from './migrate.js';
import { listenPglite, listenPostgres } from './notices.js';
import type { NoticeHandlers, StopListening } from './notices.js';
import { ReplicaRoutingPool } from './replica-routing.js';

const migrationsFolder = MIGRATIONS_DIR;

export type Schema = typeof schema;
export type AppDatabase = PgDatabase<PgQueryResultHKT, Schema>;

export interface PoolStats {
  /** The most connections the primary's pool opens (DATABASE_POOL_MAX; 1 for PGlite). */
  max: number;
  total: number;
  idle: number;
  waiting: number;
}

/**
 * The application's database: embedded PGlite (files in DATA_DIR) or PostgreSQL.
 * Reads and writes go to the primary; only reads that may lag a few seconds behind a write go
 * through `replica` (ADR 022).
 */
export interface Database {
  /** The primary: every write, and every read unless it is listed as lag-tolerant in ADR 022. */
  readonly primary: AppDatabase;
  /**
   * Lag-tolerant reads: the replica (DATABASE_READ_URL) while it answers and keeps up, else the
   * primary; the primary when no replica is configured.
   */
  readonly replica: AppDatabase;
  migrate(): Promise<void>;
  /**
   * Listens for the primary's notices on `channel` (NOTIFY, sent at commit) until the answer is
   * called: over a connection of its own on PostgreSQL, reconnecting while it is away.
   */
  listen(channel: string, handlers: NoticeHandlers): Promise<StopListening>;
  ping(): Promise<void>;
  poolStats(): PoolStats;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url?: string | undefined;
  readUrl?: string | undefined;
  /** Where `listen` connects: `url` unless a pooler stands between (DATABASE_LISTEN_URL). */
  listenUrl?: string | undefined;
  poolMax?: number;
  /** Directory for PGlite files; `memory://` keeps everything in memory (tests). */
  dataDir?: string;
}

export function databaseOptions(config: Config['database']): DatabaseOptions {
  return {
    url: config.url,
    readUrl: config.readUrl,
    listenUrl: config.listenUrl,
    poolMax: config.poolMax,
    dataDir: config.dataDir,
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url
    ? openPostgres(options.url, options)
    : openPglite(options.dataDir ?? 'memory://');
}

async function openPglite(dataDir: string): Promise<Database> {
  let unlock = () => {};
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  const client = await PGlite.create(dataDir).catch((error: unknown) => {
    unlock();
    throw error;
  });
  const pglite = drizzlePglite(client, { schema });
  const db = pglite as unknown as AppDatabase;
  // Advisory locks are re-entrant within a session and PGlite has only one, so callers in
  // this process queue here instead.
  let migrating: Promise<void> = Promise.resolve();
  const migrate = () => withMigrationLock(db, () => migratePglite(pglite, { migrationsFolder }));
  return {
    primary: db,
    replica: db,
    migrate: () => (migrating = migrating.then(migrate, migrate)),
    listen: (channel, handlers) => listenPglite(client, channel, handlers),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    // One embedded connection; PGlite queues queries on it.
    poolStats: () => ({ max: 1, total: 1, idle: 1, waiting: 0 }),
    close: async () => {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}

/**
 * Bounds on every PostgreSQL call, so that an outage fails requests quickly (503) instead of
 * holding them: a connection must be had within 3 s and a query answered within 15 s.
 */
const POOL_LIMITS = { connectionTimeoutMillis: 3000, query_timeout: 15_000 } as const;

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const newPool = (connectionString: string) => {
    const created = new pg.Pool({ connectionString, max: options.poolMax ?? 10, ...POOL_LIMITS });
    // A client whose connection dies — idle, or checked out in the middle of a transaction
    // (pg_terminate_backend, a restart) — emits 'error'; unhandled, that would end the process.
    // The query in flight fails on its own (answered 503), and the pool drops the client.
    created.on('error', () => {});
    created.on('connect', (client) => client.on('error', () => {}));
    return created;
  };
  const pool = newPool(url);
  const replicaPool = options.readUrl ? newPool(options.readUrl) : undefined;
  const router = replicaPool ? new ReplicaRoutingPool(pool, replicaPool) : undefined;
  const primary = drizzlePg(pool, { schema }) as unknown as AppDatabase;
  const replica = router
    ? (drizzlePg(router as unknown as pg.Pool, { schema }) as unknown as AppDatabase)
    : primary;
  return {
    primary,
    replica,
    migrate: async () => {
      // One connection for the whole run: the advisory lock belongs to a session.
      const client = await pool.connect();
      try {
        const single = drizzlePg(client, { schema });
        await withMigrationLock(single as unknown as AppDatabase, () =>
          migratePg(single, { migrationsFolder }),
        );
      } finally {
        client.release();
      }
    },
    listen: async (channel, handlers) =>
      listenPostgres(options.listenUrl ?? url, channel, handlers),
    // The primary only: a replica outage must not take every node out of rotation.
    ping: async () => {
      await primary.execute(sql`select 1`);
    },
    poolStats: () => ({
      max: pool.options.max ?? 10,
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    close: async () => {
      router?.close();
      await Promise.all([pool.end(), replicaPool?.end()]);
    },
  };
}
