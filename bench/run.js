// Load benchmark of the built CARD.COOP server: spawns apps/server/dist/main.js on a free
// loopback port, drives it with autocannon, prints a markdown table and writes the results as
// JSON to bench/results/. See bench/README.md for the scenarios and how to read the figures.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import * as hdr from 'hdr-histogram-js';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_ENTRY = path.join(ROOT, 'apps', 'server', 'dist', 'main.js');
const RESULTS_DIR = path.join(ROOT, 'bench', 'results');

/** The product's target, checked against the mix scenario. */
const TARGET = { p95Ms: 200, rps: 1000 };
const WARMUP_SECONDS = 2;
const PAUSE_BETWEEN_SCENARIOS_MS = 1000;
const READY_TIMEOUT_MS = 60_000;
const READY_POLL_MS = 100;
/** The server's own SHUTDOWN_TIMEOUT_MS is set to 30 s below; it gets a little more. */
const SERVER_SHUTDOWN_TIMEOUT_MS = 30_000;
const STOP_WAIT_MS = SERVER_SHUTDOWN_TIMEOUT_MS + 5_000;
const KILL_WAIT_MS = 5_000;
/** autocannon's per-request timeout, in seconds: a request slower than this counts as a timeout. */
const REQUEST_TIMEOUT_SECONDS = 10;
/**
 * The global per-IP limiter still runs on every request (its cost is part of what is measured)
 * but never refuses: the largest limit config.schema.ts accepts (1,000,000) over a 1 s window.
 * With the default 60 s window, a fast machine could pass 1,000,000 requests from 127.0.0.1
 * in one window and get 429s.
 */
const RATE_LIMIT_MAX = '1000000';
const RATE_LIMIT_WINDOW_SECONDS = '1';
/** Above this, "other" CPU during a scenario gets a warning under the table. */
const NOISY_OTHER_CPU_PERCENT = 10;
const LOG_HEAD_LINES = 10;
const LOG_TAIL_LINES = 30;
const MAX_DISTINCT = 20;

const DEFAULT_PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

let notFoundSequence = 0;

/** What one request of each kind is, and the one status it must answer with. */
const ENDPOINTS = {
  live: { path: '/health/live', expect: 200 },
  ready: { path: '/health/ready', expect: 200 },
  // A fresh unknown path each time, as a scanner would send: also shows whether unknown paths
  // leak into metric labels.
  'not-found': {
    path: '/api/v1/bench-missing/0',
    expect: 404,
    next: () => `/api/v1/bench-missing/${(++notFoundSequence).toString(36)}`,
  },
  index: { path: '/', expect: 200, contentType: 'text/html' },
};

/** 40% ready, 30% api 404, 20% index, 10% live, interleaved; every connection cycles it. */
const MIX = [
  'ready',
  'not-found',
  'index',
  'ready',
  'live',
  'not-found',
  'ready',
  'index',
  'not-found',
  'ready',
];

const SCENARIOS = {
  live: {
    kinds: ['live'],
    description: 'GET /health/live: routing, hooks, serialisation; no I/O',
  },
  ready: {
    kinds: ['ready'],
    description: 'GET /health/ready: one database ping and one cache ping per request',
  },
  'not-found': {
    kinds: ['not-found'],
    description: 'GET /api/v1/<unknown>: rate limiter (cache), error filter, translated 404 JSON',
  },
  index: {
    kinds: ['index'],
    description: 'GET /: the SPA index.html from memory, with security headers',
  },
  mix: {
    kinds: MIX,
    description: '40% ready, 30% api 404, 20% index, 10% live, interleaved',
  },
};

const USAGE = `Usage: node bench/run.js [options]   (or: npm run bench -- [options])

  --mode embedded|postgres  embedded: PGlite in a fresh DATA_DIR and the in-memory cache
                            (default); postgres: a throwaway database on local PostgreSQL and
                            local Redis (BENCH_PG_ADMIN_URL, default ${DEFAULT_PG_ADMIN_URL};
                            BENCH_REDIS_URL, default ${DEFAULT_REDIS_URL})
  --duration <s>            seconds per scenario, 1..3600 (default 10)
  --connections <n>         concurrent keep-alive connections, 1..1000 (default 50)
  --only <scenario[,...]>   ${Object.keys(SCENARIOS).join(', ')} (default: all)
  --rate <req/s>            cap the total request rate instead of going as fast as possible;
                            autocannon releases each connection's share at the start of every
                            second, so this is bursty and its latencies are pessimistic
  --help                    this text

Needs a build: npm run build.`;

/** A wrong invocation: the message and the usage text, exit code 2. */
class UsageError extends Error {}
/** A setup that cannot work (no build, say): the message alone, exit code 1. */
class SetupError extends Error {}
class Interrupted extends Error {}

function parseOptions(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        mode: { type: 'string', default: 'embedded' },
        duration: { type: 'string', default: '10' },
        connections: { type: 'string', default: '50' },
        only: { type: 'string' },
        rate: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error.message);
  }
  if (values.help) return { help: true };
  if (!['embedded', 'postgres'].includes(values.mode)) {
    throw new UsageError(`--mode must be embedded or postgres, not "${values.mode}"`);
  }
  const integer = (name, raw, min, max) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new UsageError(`--${name} must be an integer from ${min} to ${max}, not "${raw}"`);
    }
    return value;
  };
  const scenarios = values.only
    ? values.only
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
    : Object.keys(SCENARIOS);
  for (const name of scenarios) {
    if (!SCENARIOS[name]) {
      throw new UsageError(
        `unknown scenario "${name}"; one of: ${Object.keys(SCENARIOS).join(', ')}`,
      );
    }
  }
  if (scenarios.length === 0) throw new UsageError('--only names no scenario');
  return {
    help: false,
    mode: values.mode,
    duration: integer('duration', values.duration, 1, 3600),
    connections: integer('connections', values.connections, 1, 1000),
    rate: values.rate === undefined ? undefined : integer('rate', values.rate, 1, 1_000_000),
    scenarios,
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// State shared with the signal and exit handlers, so that the server never outlives this script.

const state = {
  interrupted: false,
  server: undefined,
  cannon: undefined,
  sampler: undefined,
  database: undefined,
  dataDir: undefined,
  cleanedUp: false,
};

function checkInterrupted() {
  if (state.interrupted) throw new Interrupted('interrupted');
}

function isLoopbackHost(hostname) {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function loopbackUrl(name, raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new SetupError(`${name} is not a URL`);
  }
  if (!isLoopbackHost(url.hostname)) {
    throw new SetupError(`${name} must point at this machine (127.0.0.1, localhost or ::1)`);
  }
  return url;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: a throwaway database per run.

async function withAdminClient(adminUrl, action) {
  const client = new pg.Client({
    connectionString: adminUrl.toString(),
    connectionTimeoutMillis: 5000,
    query_timeout: 30_000,
  });
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(adminUrl) {
  const name = `cardcoop_bench_${randomBytes(6).toString('hex')}`;
  const version = await withAdminClient(adminUrl, async (client) => {
    await client.query(`CREATE DATABASE ${name}`);
    const { rows } = await client.query('SHOW server_version');
    return rows[0].server_version;
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), adminUrl, version };
}

async function dropDatabase(database) {
  // The name is ours (hex), so it is safe to interpolate. FORCE needs PostgreSQL 13+.
  await withAdminClient(database.adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${database.name} WITH (FORCE)`),
  );
}

// ---------------------------------------------------------------------------------------------
// The server process.

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Counts the server's log lines and keeps a bounded head and tail of them. */
function createLogCollector() {
  const log = { lines: 0, byLevel: {}, messages: {}, head: [], tail: [] };
  const levelName = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
  const add = (stream, line) => {
    if (!line.trim()) return;
    log.lines += 1;
    let level = stream;
    let message = line.slice(0, 200);
    try {
      const entry = JSON.parse(line);
      level = levelName[entry.level] ?? String(entry.level ?? stream);
      message = String(entry.msg ?? '').slice(0, 200);
    } catch {
      // Not JSON (a crash trace on stderr, say): kept under the stream's name.
    }
    log.byLevel[level] = (log.byLevel[level] ?? 0) + 1;
    const key = `${level}: ${message}`;
    if (log.messages[key] !== undefined || Object.keys(log.messages).length < MAX_DISTINCT) {
      log.messages[key] = (log.messages[key] ?? 0) + 1;
    }
    const kept = line.length > 2000 ? `${line.slice(0, 2000)}…` : line;
    if (log.head.length < LOG_HEAD_LINES) log.head.push(kept);
    else {
      log.tail.push(kept);
      if (log.tail.length > LOG_TAIL_LINES) log.tail.shift();
    }
  };
  const text = () => [...log.head, ...(log.tail.length ? ['…', ...log.tail] : [])].join('\n');
  return { log, add, text };
}

function hasExited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child, timeoutMs) {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function startServer({ port, dataDir, mode, database, redisUrl }) {
  const env = { ...process.env };
  // A developer's shell must not switch the mode behind the benchmark's back.
  for (const name of ['DATABASE_URL', 'DATABASE_READ_URL', 'REDIS_URL', 'NODE_ENV']) {
    delete env[name];
  }
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_MAX,
    RATE_LIMIT_WINDOW_SECONDS,
    SHUTDOWN_DRAIN_MS: '0',
    SHUTDOWN_TIMEOUT_MS: String(SERVER_SHUTDOWN_TIMEOUT_MS),
    // Its own key space, so that it never shares counters with another server on this Redis.
    CACHE_KEY_PREFIX: `cardcoop_bench_${randomBytes(4).toString('hex')}:`,
  });
  if (mode === 'postgres') {
    env.DATABASE_URL = database.url;
    env.REDIS_URL = redisUrl;
  }
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs = createLogCollector();
  createInterface({ input: child.stdout }).on('line', (line) => logs.add('stdout', line));
  createInterface({ input: child.stderr }).on('line', (line) => logs.add('stderr', line));
  const server = {
    child,
    logs,
    base: `http://127.0.0.1:${port}`,
    startedAt: Date.now(),
    stop: undefined,
  };
  child.on('error', (error) => logs.add('stderr', `spawn error: ${error.message}`));
  return server;
}

async function waitForReady(server) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    checkInterrupted();
    if (hasExited(server.child)) {
      throw new Error(
        `the server exited during startup (code ${server.child.exitCode}, signal ` +
          `${server.child.signalCode}). Its output:\n${server.logs.text()}`,
      );
    }
    try {
      const response = await fetch(`${server.base}/health/ready`, {
        signal: AbortSignal.timeout(2000),
      });
      const body = await response.text();
      if (response.status === 200) return Date.now() - server.startedAt;
      last = `${response.status} ${body.slice(0, 300)}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await sleep(READY_POLL_MS);
  }
  throw new Error(
    `the server was not ready after ${READY_TIMEOUT_MS / 1000} s (last answer to ` +
      `/health/ready: ${last}). Its output:\n${server.logs.text()}`,
  );
}

/** SIGTERM, then wait; SIGKILL only if it does not stop in time. Safe to call twice. */
async function stopServer(server) {
  if (!server) return undefined;
  if (server.stop) return server.stop;
  const { child } = server;
  const started = Date.now();
  let killed = false;
  if (!hasExited(child)) {
    child.kill('SIGTERM');
    if (!(await waitForExit(child, STOP_WAIT_MS))) {
      killed = true;
      child.kill('SIGKILL');
      await waitForExit(child, KILL_WAIT_MS);
    }
  }
  server.stop = {
    ms: Date.now() - started,
    exitCode: child.exitCode,
    signal: child.signalCode,
    killed,
  };
  return server.stop;
}

// ---------------------------------------------------------------------------------------------
// Resource use of the server process, from /proc (Linux); null elsewhere.

function clockTicksPerSecond() {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

function readProcess(pid, ticksPerSecond) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1]);
    return { cpuSeconds, rssMb: rssKb / 1024 };
  } catch {
    return null;
  }
}

const SERVICE_COMMANDS = new Set(['postgres', 'redis-server']);

/** CPU seconds so far of every PostgreSQL and Redis process, by pid (other users' included). */
function readServicesCpu(ticksPerSecond) {
  const byPid = new Map();
  let entries;
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!SERVICE_COMMANDS.has(command)) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byPid.set(pid, (Number(fields[11]) + Number(fields[12])) / ticksPerSecond);
    } catch {
      // Gone between the listing and the read.
    }
  }
  return byPid;
}

/** CPU seconds used by the whole machine (all cores, all processes) so far. */
function readMachineCpuSeconds(ticksPerSecond) {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1);
    // user nice system idle iowait irq softirq steal: all but idle and iowait are busy.
    const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
    return (user + nice + system + irq + softirq + steal) / ticksPerSecond;
  } catch {
    return null;
  }
}

/** How busy the machine is while nothing of ours runs, in % of one core. */
async function backgroundCpuPercent(ms) {
  const ticks = clockTicksPerSecond();
  const before = readMachineCpuSeconds(ticks);
  const client = process.cpuUsage();
  await sleep(ms);
  const after = readMachineCpuSeconds(ticks);
  if (before === null || after === null) return null;
  const own = process.cpuUsage(client);
  return round((100 * (after - before - (own.user + own.system) / 1e6)) / (ms / 1000), 0);
}

/**
 * Per scenario: CPU of the server, of this script (autocannon runs in it) and of everything
 * else on the machine (other people's builds and tests distort the figures), and server RSS.
 */
function createSampler(pid, { services }) {
  const ticks = clockTicksPerSecond();
  let window;
  const sample = () => {
    const reading = readProcess(pid, ticks);
    if (reading && window) window.peakRssMb = Math.max(window.peakRssMb, reading.rssMb);
    return reading;
  };
  const timer = setInterval(sample, 500);
  timer.unref();
  return {
    begin() {
      const first = readProcess(pid, ticks);
      window = {
        first,
        machine: readMachineCpuSeconds(ticks),
        services: services ? readServicesCpu(ticks) : null,
        at: process.hrtime.bigint(),
        client: process.cpuUsage(),
        peakRssMb: first?.rssMb ?? 0,
      };
    },
    end() {
      const last = sample();
      const machine = readMachineCpuSeconds(ticks);
      const seconds = Number(process.hrtime.bigint() - window.at) / 1e9;
      const usage = process.cpuUsage(window.client);
      const { first } = window;
      const percent = (cpuSeconds) => round((100 * cpuSeconds) / seconds, 0);
      const server = first && last ? last.cpuSeconds - first.cpuSeconds : null;
      const client = (usage.user + usage.system) / 1e6;
      const total = machine !== null && window.machine !== null ? machine - window.machine : null;
      let servicesSeconds = null;
      const endServices = window.services ? readServicesCpu(ticks) : null;
      if (endServices) {
        servicesSeconds = 0;
        for (const [servicePid, seconds] of endServices) {
          servicesSeconds += seconds - (window.services.get(servicePid) ?? 0);
        }
      }
      return {
        serverCpuPercent: server === null ? null : percent(server),
        clientCpuPercent: percent(client),
        servicesCpuPercent: servicesSeconds === null ? null : percent(servicesSeconds),
        otherCpuPercent:
          server === null || total === null
            ? null
            : Math.max(0, percent(total - server - client - (servicesSeconds ?? 0))),
        serverRssMbStart: first ? round(first.rssMb, 1) : null,
        serverRssMbPeak: first ? round(window.peakRssMb, 1) : null,
        serverRssMbEnd: last ? round(last.rssMb, 1) : null,
      };
    },
    stop: () => clearInterval(timer),
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring.

const round = (value, digits = 2) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

function newHistogram() {
  // Microseconds, 3 significant digits: exact to 0.1% at any latency.
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
    autoResize: true,
  });
}

function newStats() {
  return { histogram: newHistogram(), responses: 0, statuses: {} };
}

function record(stats, statusCode, responseTimeMs) {
  stats.responses += 1;
  stats.statuses[statusCode] = (stats.statuses[statusCode] ?? 0) + 1;
  stats.histogram.recordValue(Math.max(1, Math.round(responseTimeMs * 1000)));
}

function summarise(stats, seconds) {
  const ms = (percentile) => round(stats.histogram.getValueAtPercentile(percentile) / 1000);
  const summary = {
    requests: stats.responses,
    rps: round(stats.responses / seconds, 1),
    latencyMs:
      stats.responses > 0
        ? {
            p50: ms(50),
            p95: ms(95),
            p99: ms(99),
            p999: ms(99.9),
            max: round(stats.histogram.maxValue / 1000),
            mean: round(stats.histogram.mean / 1000),
          }
        : null,
    statuses: stats.statuses,
  };
  stats.histogram.destroy();
  return summary;
}

function requestsFor(kinds, onKind) {
  return kinds.map((kind) => {
    const endpoint = ENDPOINTS[kind];
    const request = {
      method: 'GET',
      path: endpoint.path,
      // Called by autocannon just before its 'response' event for the same response.
      onResponse: () => onKind(kind),
    };
    if (endpoint.next) request.setupRequest = (req) => ({ ...req, path: endpoint.next() });
    return request;
  });
}

function runAutocannon(options, { onResponse, onError }) {
  return new Promise((resolve, reject) => {
    // Bounded even if autocannon never calls back: stop it, then give up.
    const limitMs = (options.duration + REQUEST_TIMEOUT_SECONDS + 30) * 1000;
    const watchdog = setTimeout(() => {
      state.cannon?.stop();
      setTimeout(
        () => reject(new Error(`autocannon did not finish within ${limitMs / 1000} s`)),
        5000,
      ).unref();
    }, limitMs);
    const instance = autocannon(options, (error, result) => {
      clearTimeout(watchdog);
      state.cannon = undefined;
      if (error) reject(error);
      else resolve(result);
    });
    state.cannon = instance;
    instance.on('response', onResponse);
    instance.on('reqError', onError);
  });
}

async function runScenario(server, name, kinds, options, sampler) {
  const overall = newStats();
  const perKind = Object.fromEntries([...new Set(kinds)].map((kind) => [kind, newStats()]));
  const errors = {};
  let kind = kinds[0];
  sampler?.begin();
  const result = await runAutocannon(
    {
      url: server.base,
      connections: options.connections,
      duration: options.duration,
      timeout: REQUEST_TIMEOUT_SECONDS,
      pipelining: 1,
      ...(options.rate ? { overallRate: options.rate } : {}),
      requests: requestsFor(kinds, (current) => {
        kind = current;
      }),
    },
    {
      onResponse: (_client, statusCode, _bytes, responseTimeMs) => {
        record(overall, statusCode, responseTimeMs);
        record(perKind[kind], statusCode, responseTimeMs);
      },
      onError: (error) => {
        const key = error.code ?? error.message;
        if (errors[key] !== undefined || Object.keys(errors).length < MAX_DISTINCT) {
          errors[key] = (errors[key] ?? 0) + 1;
        }
      },
    },
  );
  const resources = sampler ? sampler.end() : null;
  const seconds = result.duration;
  const unexpected = {};
  const parts = {};
  for (const [partKind, stats] of Object.entries(perKind)) {
    const expected = ENDPOINTS[partKind].expect;
    for (const [status, count] of Object.entries(stats.statuses)) {
      if (Number(status) !== expected) {
        const key = `${status} on ${partKind}`;
        unexpected[key] = (unexpected[key] ?? 0) + count;
      }
    }
    parts[partKind] = {
      path: ENDPOINTS[partKind].path.replace(/\/0$/, '/<n>'),
      expectedStatus: expected,
      share: round(kinds.filter((k) => k === partKind).length / kinds.length, 2),
      ...summarise(stats, seconds),
    };
  }
  return {
    scenario: name,
    description: SCENARIOS[name].description,
    durationSeconds: seconds,
    connections: options.connections,
    rate: options.rate ?? null,
    ...summarise(overall, seconds),
    autocannon: {
      requestsPerSecondAverage: result.requests.average,
      latencyMsP50: result.latency.p50,
      latencyMsP99: result.latency.p99,
      totalCompletedRequests: result.totalCompletedRequests,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      resets: result.resets,
    },
    non2xx: result.non2xx,
    unexpectedStatuses: unexpected,
    errors: result.errors,
    timeouts: result.timeouts,
    errorKinds: errors,
    resources,
    parts: kinds.length > 1 ? parts : undefined,
  };
}

/** One request per endpoint before any load: a wrong setup fails here, clearly. */
async function preflight(server, kinds) {
  for (const kind of new Set(kinds)) {
    const endpoint = ENDPOINTS[kind];
    const response = await fetch(`${server.base}${endpoint.path}`, {
      signal: AbortSignal.timeout(5000),
    });
    const body = await response.text();
    const type = response.headers.get('content-type') ?? '';
    if (response.status !== endpoint.expect) {
      const hint = kind === 'index' ? ' (is apps/web/dist built? run npm run build)' : '';
      throw new Error(
        `GET ${endpoint.path} answered ${response.status}, expected ${endpoint.expect}` +
          `${hint}: ${body.slice(0, 300)}`,
      );
    }
    if (endpoint.contentType && !type.startsWith(endpoint.contentType)) {
      throw new Error(`GET ${endpoint.path} answered ${type}, expected ${endpoint.contentType}`);
    }
  }
}

/** A few figures from the server's own Prometheus endpoint, after the load. */
async function scrapeMetrics(server) {
  try {
    const response = await fetch(`${server.base}/metrics`, { signal: AbortSignal.timeout(5000) });
    const text = await response.text();
    const value = (name) => {
      const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
      return match ? Number(match[1]) : null;
    };
    const series = text.match(/^http_request_duration_seconds_count\{.*$/gm) ?? [];
    const byStatus = {};
    const routes = new Set();
    for (const line of series) {
      const status = /status_code="(\d+)"/.exec(line)?.[1] ?? '?';
      routes.add(/route="([^"]*)"/.exec(line)?.[1] ?? '?');
      byStatus[status] = (byStatus[status] ?? 0) + Number(line.split(' ').pop());
    }
    const scaled = (name, factor, digits) => {
      const found = value(name);
      return found === null ? null : round(found * factor, digits);
    };
    return {
      requestSeries: series.length,
      routes: [...routes].sort(),
      requestsByStatus: byStatus,
      residentMemoryMb: scaled('process_resident_memory_bytes', 1 / 1024 ** 2, 1),
      heapUsedMb: scaled('nodejs_heap_size_used_bytes', 1 / 1024 ** 2, 1),
      eventLoopLagP99Ms: scaled('nodejs_eventloop_lag_p99_seconds', 1000, 1),
      eventLoopLagMaxMs: scaled('nodejs_eventloop_lag_max_seconds', 1000, 1),
    };
  } catch (error) {
    return { error: error.message };
  }
}

// ---------------------------------------------------------------------------------------------
// Reporting.

function describeCounts(counts) {
  const entries = Object.entries(counts);
  return entries.length ? entries.map(([key, count]) => `${key} ×${count}`).join(', ') : '0';
}

function fmt(value, digits = 2) {
  return value === null || value === undefined ? '–' : value.toFixed(digits);
}

function markdownReport(results) {
  const lines = [];
  const { machine, options } = results;
  lines.push(
    `### ${results.mode} · ${options.duration} s × ${options.connections} connections` +
      `${options.rate ? ` · fixed ${options.rate} req/s` : ''} · ${results.startedAt}`,
    '',
    `Command: \`${results.command}\`  `,
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, ` +
      `${machine.platform}, Node ${machine.node}; server: ${results.server.database} + ` +
      `${results.server.cache}; commit ${results.git.commit}${results.git.dirty ? ' (dirty)' : ''}, ` +
      `server built ${results.server.builtAt}`,
    '',
    '| scenario | req/s | p50 ms | p95 ms | p99 ms | max ms | requests | non-2xx | unexpected | errors (timeouts) | CPU % server / bench / pg+redis / other | server RSS MB start→peak→end |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |',
  );
  for (const run of results.scenarios) {
    const l = run.latencyMs ?? {};
    const unexpected = Object.keys(run.unexpectedStatuses).length
      ? `⚠ ${describeCounts(run.unexpectedStatuses)}`
      : 'none';
    const r = run.resources ?? {};
    lines.push(
      `| ${run.scenario} | ${fmt(run.rps, 0)} | ${fmt(l.p50)} | ${fmt(l.p95)} | ${fmt(l.p99)} ` +
        `| ${fmt(l.max)} | ${run.requests} | ${run.non2xx} | ${unexpected} ` +
        `| ${run.errors ? '⚠ ' : ''}${run.errors} (${run.timeouts}) ` +
        `| ${r.serverCpuPercent ?? '–'} / ${r.clientCpuPercent ?? '–'} / ` +
        `${r.servicesCpuPercent ?? '–'} / ${r.otherCpuPercent ?? '–'} ` +
        `| ${fmt(r.serverRssMbStart, 0)}→${fmt(r.serverRssMbPeak, 0)}→${fmt(r.serverRssMbEnd, 0)} |`,
    );
  }
  for (const run of results.scenarios.filter((entry) => entry.parts)) {
    lines.push(
      '',
      `${run.scenario}, by part:`,
      '',
      '| part | share | req/s | p50 ms | p95 ms | p99 ms | requests | statuses |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    );
    for (const [kind, part] of Object.entries(run.parts)) {
      const l = part.latencyMs ?? {};
      lines.push(
        `| ${kind} \`${part.path}\` | ${Math.round(part.share * 100)}% | ${fmt(part.rps, 0)} ` +
          `| ${fmt(l.p50)} | ${fmt(l.p95)} | ${fmt(l.p99)} | ${part.requests} ` +
          `| ${describeCounts(part.statuses)} |`,
      );
    }
  }
  if (results.target) {
    const t = results.target;
    lines.push(
      '',
      `Target (mix): p95 < ${TARGET.p95Ms} ms at ≥ ${TARGET.rps} req/s → ` +
        `**${t.met ? 'met' : 'NOT met'}** (p95 ${fmt(t.p95Ms)} ms at ${fmt(t.rps, 0)} req/s)`,
    );
  }
  const background = results.machine.backgroundCpuPercent;
  lines.push(
    '',
    `CPU in % of one core (the machine has ${machine.cpus}): the server process; this script ` +
      'with autocannon; every PostgreSQL and Redis process (postgres mode; other clients of ' +
      `theirs included); everything else (${background ?? '?'}% before the run). ` +
      `Server: ready in ${results.server.readyMs} ms; stopped by SIGTERM in ` +
      `${results.server.stop?.ms ?? '?'} ms with exit code ${results.server.stop?.exitCode ?? '?'}` +
      `${results.server.stop?.killed ? ' (had to be SIGKILLed)' : ''}; log lines at warn or ` +
      `above: ${results.server.log.lines}` +
      `${results.server.log.lines ? ` (${Object.keys(results.server.log.messages).join('; ')})` : ''}.`,
  );
  const busy = results.scenarios.filter(
    (run) => (run.resources?.otherCpuPercent ?? 0) > NOISY_OTHER_CPU_PERCENT,
  );
  if (busy.length) {
    lines.push(
      `⚠ Other processes used more than ${NOISY_OTHER_CPU_PERCENT}% of a core during ` +
        `${busy.map((run) => `${run.scenario} (${run.resources.otherCpuPercent}%)`).join(', ')}: ` +
        'those figures are lower and noisier than on a quiet machine.',
    );
  }
  const metrics = results.server.metrics;
  if (metrics && !metrics.error) {
    lines.push(
      `Server metrics after the load: ${metrics.requestSeries} request series over routes ` +
        `${metrics.routes.join(', ')}; event-loop lag p99 ${fmt(metrics.eventLoopLagP99Ms, 1)} ms, ` +
        `max ${fmt(metrics.eventLoopLagMaxMs, 1)} ms; heap used ${fmt(metrics.heapUsedMb, 0)} MB.`,
    );
  }
  return lines.join('\n');
}

/** When the newest file of a build was written. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return new Date(newest).toISOString();
}

function machineInfo() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    platform: `${os.type()} ${os.release()}`,
    node: process.versions.node,
  };
}

function gitInfo() {
  const git = (...args) =>
    execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', timeout: 5000 }).trim();
  try {
    return {
      commit: git('rev-parse', '--short', 'HEAD'),
      dirty: git('status', '--porcelain') !== '',
    };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

function assertServerAlive(when) {
  const { child, logs } = state.server;
  if (!hasExited(child)) return;
  const { exitCode, signalCode } = child;
  const outside =
    exitCode === 0 || signalCode
      ? ' Something outside this script stopped it (a signal from another process?).'
      : '';
  throw new Error(
    `the server had exited ${when} (code ${exitCode}, signal ${signalCode}).${outside} ` +
      `Its output:\n${logs.text() || '(none at warn or above)'}`,
  );
}

// ---------------------------------------------------------------------------------------------

async function cleanup() {
  if (state.cleanedUp) return;
  state.cleanedUp = true;
  state.cannon?.stop();
  state.sampler?.stop();
  await stopServer(state.server);
  if (state.server && !hasExited(state.server.child)) {
    console.error(`could not stop the server (pid ${state.server.child.pid})`);
  }
  if (state.database) {
    try {
      await dropDatabase(state.database);
    } catch (error) {
      console.error(`could not drop database ${state.database.name}: ${error.message}`);
    }
  }
  if (state.dataDir) rmSync(state.dataDir, { recursive: true, force: true });
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (!existsSync(SERVER_ENTRY)) {
    throw new SetupError(
      `${path.relative(ROOT, SERVER_ENTRY)} is missing: run npm run build first`,
    );
  }
  const startedAt = new Date();
  const background = await backgroundCpuPercent(1000);
  if (background !== null && background > 20) {
    console.error(
      `⚠ other processes keep ${background}% of a core busy: the figures will be lower and ` +
        'noisier than on a quiet machine',
    );
  }
  const redisUrl =
    options.mode === 'postgres'
      ? loopbackUrl('BENCH_REDIS_URL', process.env.BENCH_REDIS_URL ?? DEFAULT_REDIS_URL).toString()
      : undefined;
  if (options.mode === 'postgres') {
    const adminUrl = loopbackUrl(
      'BENCH_PG_ADMIN_URL',
      process.env.BENCH_PG_ADMIN_URL ?? DEFAULT_PG_ADMIN_URL,
    );
    state.database = await createDatabase(adminUrl);
    console.error(`created database ${state.database.name} (PostgreSQL ${state.database.version})`);
  }
  state.dataDir = mkdtempSync(path.join(os.tmpdir(), 'cardcoop-bench-'));
  const port = await freePort();
  checkInterrupted();

  state.server = startServer({
    port,
    dataDir: state.dataDir,
    mode: options.mode,
    database: state.database,
    redisUrl,
  });
  const readyMs = await waitForReady(state.server);
  console.error(`server ready on ${state.server.base} in ${readyMs} ms (${options.mode})`);

  const allKinds = options.scenarios.flatMap((name) => SCENARIOS[name].kinds);
  await preflight(state.server, allKinds);
  checkInterrupted();

  console.error(`warming up for ${WARMUP_SECONDS} s`);
  await runAutocannon(
    {
      url: state.server.base,
      connections: options.connections,
      duration: WARMUP_SECONDS,
      timeout: REQUEST_TIMEOUT_SECONDS,
      requests: requestsFor([...new Set(allKinds)], () => {}),
    },
    { onResponse: () => {}, onError: () => {} },
  );

  state.sampler = createSampler(state.server.child.pid, {
    services: options.mode === 'postgres',
  });
  const runs = [];
  for (const name of options.scenarios) {
    checkInterrupted();
    await sleep(PAUSE_BETWEEN_SCENARIOS_MS);
    checkInterrupted();
    assertServerAlive(`before "${name}"`);
    console.error(`running ${name} for ${options.duration} s`);
    runs.push(await runScenario(state.server, name, SCENARIOS[name].kinds, options, state.sampler));
  }
  checkInterrupted();
  assertServerAlive('after the last scenario');

  const metrics = await scrapeMetrics(state.server);
  state.sampler.stop();
  const stop = await stopServer(state.server);

  const mix = runs.find((run) => run.scenario === 'mix');
  const results = {
    mode: options.mode,
    startedAt: startedAt.toISOString(),
    command: `node bench/run.js ${process.argv.slice(2).join(' ')}`.trim(),
    options: {
      duration: options.duration,
      connections: options.connections,
      rate: options.rate ?? null,
      warmupSeconds: WARMUP_SECONDS,
      requestTimeoutSeconds: REQUEST_TIMEOUT_SECONDS,
      scenarios: options.scenarios,
    },
    machine: { ...machineInfo(), backgroundCpuPercent: background },
    git: gitInfo(),
    server: {
      // The build that ran, which may be older than the commit above.
      builtAt: newestMtime(path.dirname(SERVER_ENTRY)),
      database: options.mode === 'postgres' ? `PostgreSQL ${state.database.version}` : 'PGlite',
      cache: options.mode === 'postgres' ? 'Redis' : 'in-memory cache',
      env: {
        LOG_LEVEL: 'warn',
        RATE_LIMIT_MAX,
        RATE_LIMIT_WINDOW_SECONDS,
        NODE_ENV: '(unset: development)',
      },
      readyMs,
      stop,
      metrics,
      log: state.server.logs.log,
    },
    target: mix
      ? {
          p95Ms: mix.latencyMs?.p95 ?? null,
          rps: mix.rps,
          // Under --rate, autocannon's per-second pacing ends a little short of the rate asked.
          met:
            (mix.latencyMs?.p95 ?? Infinity) < TARGET.p95Ms &&
            (mix.rps >= TARGET.rps ||
              (options.rate >= TARGET.rps && mix.rps >= 0.98 * options.rate)),
          goal: `p95 < ${TARGET.p95Ms} ms at >= ${TARGET.rps} req/s`,
        }
      : null,
    scenarios: runs,
  };

  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(
    RESULTS_DIR,
    `${options.mode}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`,
  );
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);

  console.log(markdownReport(results));
  console.error(`\nresults written to ${path.relative(ROOT, file)}`);

  const problems = runs.filter(
    (run) => run.errors > 0 || Object.keys(run.unexpectedStatuses).length > 0,
  );
  if (stop.exitCode !== 0)
    console.error(`⚠ the server exited with ${stop.exitCode ?? stop.signal}`);
  if (problems.length) {
    console.error(
      `⚠ unexpected statuses or errors in: ${problems.map((run) => run.scenario).join(', ')}`,
    );
    return 1;
  }
  return stop.exitCode === 0 ? 0 : 1;
}

// A second Ctrl-C gives up on a clean stop; the exit handler still kills the server.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (state.interrupted) process.exit(130);
    state.interrupted = true;
    console.error(`\n${signal}: stopping the load and the server…`);
    state.cannon?.stop();
  });
}
process.on('exit', () => {
  const child = state.server?.child;
  if (child && !hasExited(child)) child.kill('SIGKILL');
});

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  if (error instanceof Interrupted) exitCode = 130;
  else if (error instanceof UsageError) {
    console.error(`bench: ${error.message}\n\n${USAGE}`);
    exitCode = 2;
  } else if (error instanceof SetupError) console.error(`bench: ${error.message}`);
  else console.error(`bench failed: ${error.stack ?? error.message}`);
} finally {
  await cleanup();
}
process.exit(exitCode);
