import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './server-process.js';

// Fault tests stop and restart PostgreSQL and Redis under load; they get servers of their own
// (a throw-away cluster and redis-server on free ports), never the shared ones other tests use.

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await wait(100);
  }
  throw new Error(`${what} not up after ${timeoutMs} ms`);
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const version = readdirSync(root)
    .filter((name) => existsSync(path.join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))[0];
  if (!version) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
  return path.join(root, version, 'bin');
}

export interface PrivatePostgres {
  url: string;
  port: number;
  /** SQL as the superuser, on a connection of its own, in `database` (default `postgres`). */
  query(statement: string, database?: string): Promise<pg.QueryResult>;
  /** Stops the server (fast shutdown: connections terminated), keeping its data. */
  halt(): Promise<void>;
  /** Starts it again after `halt`. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export interface PrivateReplica extends PrivatePostgres {
  /** Stops applying the primary's WAL (it still arrives): the replica falls behind. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
}

/** A data folder owned by `postgres` (when run as root) and the server tools run as that user. */
function clusterFolder() {
  const bin = postgresBin();
  const dir = mkdtempSync(path.join(tmpdir(), 'cardcoop-pg-'));
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args], {
          stdio: 'pipe',
        })
      : execFileSync(path.join(bin, tool), args, { stdio: 'pipe' });
  return { dir, data: path.join(dir, 'data'), run };
}

/** Starts the cluster in `folder` on a free port, with pg_ctl, and says how to reach it. */
async function serve({ dir, data, run }: ReturnType<typeof clusterFolder>) {
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const ctl = (...args: string[]) =>
    run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', ...args]);
  ctl('start');
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const query = async (statement: string, database = 'postgres') => {
    const client = new pg.Client({ connectionString: url.replace(/\/postgres$/, `/${database}`) });
    await client.connect();
    try {
      return await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const up = () =>
    until('private PostgreSQL', async () => (await query('select 1')).rowCount === 1);
  await up();
  return {
    url,
    port,
    query,
    halt: async () => {
      ctl('stop', '-m', 'fast');
    },
    resume: async () => {
      ctl('start');
      await up();
    },
    stop: async () => {
      ctl('stop', '-m', 'immediate');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A PostgreSQL cluster of its own (initdb in a temp folder, as `postgres` when run as root). */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const folder = clusterFolder();
  // initdb's defaults already allow streaming replicas: wal_level replica, 10 WAL senders, and
  // `host replication all 127.0.0.1/32 trust` in pg_hba.conf with -A trust.
  folder.run('initdb', ['-D', folder.data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  return serve(folder);
}

/**
 * A hot standby of `primary` on a port of its own: pg_basebackup with the WAL streamed and
 * `-R` (standby.signal and primary_conninfo written), then pg_ctl start — no pg_createcluster.
 */
export async function startPrivateReplica(primary: PrivatePostgres): Promise<PrivateReplica> {
  const folder = clusterFolder();
  folder.run('pg_basebackup', [
    ...['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres'],
    ...['-D', folder.data, '-R', '-X', 'stream', '-c', 'fast', '--no-sync'],
  ]);
  const replica = await serve(folder);
  const { rows } = await replica.query('select pg_is_in_recovery() as standby');
  if (!rows[0]?.standby) throw new Error('the replica is not in recovery');
  return {
    ...replica,
    pauseReplay: async () => {
      await replica.query('select pg_wal_replay_pause()');
    },
    resumeReplay: async () => {
      await replica.query('select pg_wal_replay_resume()');
    },
  };
}

export interface PrivateRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * redis-server on a free port, without persistence (`extraArgs`: `--replicaof …`, or a config
 * file first for a sentinel); `stop` kills it, `start` brings it back.
 */
export async function startPrivateRedis(extraArgs: string[] = []): Promise<PrivateRedis> {
  const port = await freePort();
  // A replica writes the master's snapshot to its folder even without persistence: not the cwd.
  const dir = mkdtempSync(path.join(tmpdir(), 'cardcoop-redis-'));
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      'redis-server',
      [
        ...extraArgs,
        ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
        ...['--save', '', '--appendonly', 'no'],
      ],
      { stdio: 'ignore' },
    );
    await until('private Redis', async () => {
      execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: 'pipe' });
      return true;
    });
  };
  const stop = async () => {
    // Killed by a signal, a process has no exit code but a signal code: stopped already.
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, start, stop };
}

/**
 * A Redis Sentinel watching `master` (quorum 1, down after 1 s): it promotes a replica when the
 * master is gone. Its configuration file lives in a temp folder (Sentinel rewrites it).
 */
export async function startPrivateSentinel(
  name: string,
  master: PrivateRedis,
): Promise<PrivateRedis & { dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cardcoop-sentinel-'));
  const conf = path.join(dir, 'sentinel.conf');
  writeFileSync(
    conf,
    [
      `sentinel monitor ${name} 127.0.0.1 ${master.port} 1`,
      `sentinel down-after-milliseconds ${name} 1000`,
      `sentinel failover-timeout ${name} 5000`,
      '',
    ].join('\n'),
  );
  const sentinel = await startPrivateRedis([conf, '--sentinel']);
  return { ...sentinel, dir };
}
