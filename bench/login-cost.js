// Server CPU per login at a low and a high rate (issue 16): one node on PostgreSQL + Redis, a
// few registered members, then, in this order: the idle server's own CPU (its periodic tasks and
// job polling) over --idle seconds; logins at --low-rate per second for --low-duration seconds
// ("low, cold": the first logins of a new process); logins flat out from --concurrency clients
// for --high-duration seconds ("high"); the low rate again ("low, warm": the same process after
// the high run); the idle server again. Each phase's login cost is (server CPU − idle CPU per
// second × the phase's seconds) ÷ logins. The low-rate logins are started on a schedule, not one
// after the other, as a client logging in now and then would. New PostgreSQL connections per
// phase come from pg_stat_database.sessions (PostgreSQL 14+), the pool's size from /metrics.
// Usage: node bench/login-cost.js [--low-rate 2] [--low-duration 30] [--high-duration 15]
// [--concurrency 12] [--idle 20] [--users 40]
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { inParallel, login, opaque, register } from './lib/auth-client.js';
import { cpuSeconds } from './lib/cpu.js';
import { createDatabase, dropDatabase } from './lib/database.js';
import { stopServer } from './lib/server.js';
import { startAuthServer } from './lib/auth-server.js';
import { DEFAULT_PG_ADMIN_URL } from './lib/services.js';
import { writeResults } from './lib/results.js';
import { percentiles, round } from './lib/stats.js';

const { values } = parseArgs({
  options: {
    'low-rate': { type: 'string', default: '2' },
    'low-duration': { type: 'string', default: '30' },
    'high-duration': { type: 'string', default: '15' },
    concurrency: { type: 'string', default: '12' },
    idle: { type: 'string', default: '20' },
    users: { type: 'string', default: '40' },
  },
});
const LOW_RATE = Number(values['low-rate']);
const LOW_S = Number(values['low-duration']);
const HIGH_S = Number(values['high-duration']);
const CONCURRENCY = Number(values.concurrency);
const IDLE_S = Number(values.idle);
const USERS = Number(values.users);

async function newSessions(database) {
  const client = new pg.Client({ connectionString: database.adminUrl.toString() });
  await client.connect();
  try {
    const { rows } = await client.query(
      'select sessions from pg_stat_database where datname = $1',
      [database.name],
    );
    return Number(rows[0]?.sessions ?? NaN);
  } finally {
    await client.end();
  }
}

async function poolSize(server) {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(/^db_pool_connections_total (\S+)$/m.exec(text)?.[1]);
}

/** Runs `load` while measuring the server's CPU, new database sessions and the pool's size. */
async function phase(name, server, database, load) {
  const pools = [];
  const sampler = setInterval(() => {
    poolSize(server).then(
      (size) => pools.push(size),
      () => {},
    );
  }, 1000);
  const sessionsBefore = await newSessions(database);
  const cpuBefore = cpuSeconds(server.pid);
  const started = performance.now();
  const samples = await load();
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(server.pid) - cpuBefore;
  clearInterval(sampler);
  return {
    name,
    seconds: round(seconds, 1),
    logins: samples.ok.length,
    failures: samples.failures,
    serverCpuSeconds: round(cpu, 2),
    newDatabaseSessions: (await newSessions(database)) - sessionsBefore,
    poolSizeMin: pools.length ? Math.min(...pools) : null,
    poolSizeMax: pools.length ? Math.max(...pools) : null,
    latency: percentiles(samples.ok),
  };
}

function outcome() {
  return { ok: [], failures: 0 };
}

async function attempt(url, email, result) {
  try {
    result.ok.push((await login(url, email)).server);
  } catch {
    result.failures += 1;
  }
}

/** Logins started every 1/rate seconds, whether or not the previous one has finished. */
async function scheduled(url, emails, rate, seconds) {
  const result = outcome();
  const pending = [];
  const start = performance.now();
  for (let i = 0; i < rate * seconds; i += 1) {
    const due = start + (i * 1000) / rate;
    await sleep(Math.max(0, due - performance.now()));
    pending.push(attempt(url, emails[i % emails.length], result));
  }
  await Promise.all(pending);
  return result;
}

/** `concurrency` clients logging in one after the other until the time is up. */
async function flatOut(url, emails, seconds) {
  const result = outcome();
  const deadline = performance.now() + seconds * 1000;
  let turn = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline)
        await attempt(url, emails[turn++ % emails.length], result);
    }),
  );
  return result;
}

const idle = (seconds) => async () => {
  await sleep(seconds * 1000);
  return outcome();
};

async function main() {
  await opaque.ready;
  const startedAt = new Date();
  const database = await createDatabase(process.env.BENCH_PG_URL ?? DEFAULT_PG_ADMIN_URL);
  let server;
  try {
    server = await startAuthServer(database);
    const emails = Array.from({ length: USERS }, (_, i) => `cost${i}@coop.example`);
    await inParallel(4, emails, (email) => register(server.url, email));
    await sleep(3000);
    const url = server.url;
    const phases = [];
    const run = async (name, load) => phases.push(await phase(name, server, database, load));
    await run('idle before', idle(IDLE_S));
    await run(`low, cold (${LOW_RATE}/s)`, () => scheduled(url, emails, LOW_RATE, LOW_S));
    await run(`high (${CONCURRENCY} clients)`, () => flatOut(url, emails, HIGH_S));
    await run(`low, warm (${LOW_RATE}/s)`, () => scheduled(url, emails, LOW_RATE, LOW_S));
    await run('idle after', idle(IDLE_S));
    const idleRate =
      (phases[0].serverCpuSeconds + phases.at(-1).serverCpuSeconds) /
      (phases[0].seconds + phases.at(-1).seconds);
    for (const entry of phases) {
      entry.perSecond = round(entry.logins / entry.seconds, 1);
      entry.cpuMsPerLogin = entry.logins
        ? round((1000 * (entry.serverCpuSeconds - idleRate * entry.seconds)) / entry.logins, 2)
        : null;
      entry.cpuMsPerLoginIdleNotSubtracted = entry.logins
        ? round((1000 * entry.serverCpuSeconds) / entry.logins, 2)
        : null;
    }
    const report = {
      startedAt: startedAt.toISOString(),
      options: { LOW_RATE, LOW_S, HIGH_S, CONCURRENCY, IDLE_S, USERS },
      idleServerCpuPercent: round(100 * idleRate, 2),
      phases,
    };
    const file = writeResults(report, 'login-cost');
    console.log(`idle server: ${report.idleServerCpuPercent}% of a core`);
    console.log(
      '| phase | s | logins | /s | failures | server CPU s | CPU ms per login (idle subtracted) | (not subtracted) | new PG sessions | pool min–max | p50 ms | p95 ms |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const p of phases) {
      console.log(
        `| ${p.name} | ${p.seconds} | ${p.logins} | ${p.perSecond} | ${p.failures} | ${p.serverCpuSeconds} | ${p.cpuMsPerLogin ?? '—'} | ${p.cpuMsPerLoginIdleNotSubtracted ?? '—'} | ${p.newDatabaseSessions} | ${p.poolSizeMin}–${p.poolSizeMax} | ${p.latency.p50} | ${p.latency.p95} |`,
      );
    }
    console.log(`JSON: ${file}`);
  } finally {
    await stopServer(server);
    await dropDatabase(database);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
