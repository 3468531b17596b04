// The JSON record of a run (shape in bench/README.md): options, machine, git commit, the server's
// build and outcome, the target check and every scenario; written to bench/results/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REQUEST_TIMEOUT_SECONDS, WARMUP_SECONDS } from './load.js';
import { RESULTS_DIR, ROOT, SERVER_ENTRY } from './paths.js';
import { TARGET } from './scenarios.js';
import { REPORTED_SERVER_ENV } from './server-env.js';
import { round } from './stats.js';

/** When the newest file of a build was written. */
export function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return new Date(newest).toISOString();
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    platform: `${os.type()} ${os.release()}`,
    node: process.versions.node,
  };
}

export function gitInfo() {
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

/** A run (`rps`, `latencyMs`) against the product's target; `rate` is the --rate it ran at. */
export function targetCheckOf(run, rate) {
  return {
    p95Ms: run.latencyMs?.p95 ?? null,
    rps: run.rps,
    // Under --rate, autocannon's per-second pacing ends a little short of the rate asked.
    met:
      (run.latencyMs?.p95 ?? Infinity) < TARGET.p95Ms &&
      (run.rps >= TARGET.rps || (rate >= TARGET.rps && run.rps >= 0.98 * rate)),
    goal: `p95 < ${TARGET.p95Ms} ms at >= ${TARGET.rps} req/s`,
  };
}

/** The mix against the product's target; null when the mix did not run. */
function targetCheck(runs, rate) {
  const mix = runs.find((run) => run.scenario === 'mix');
  return mix ? targetCheckOf(mix, rate) : null;
}

/** `server` and `database` (postgres mode) as run.js started them; `stop` from stopServer. */
export function buildResults(run) {
  const { argv, options, startedAt, background, database, server, readyMs, stop, metrics } = run;
  return {
    mode: options.mode,
    startedAt: startedAt.toISOString(),
    command: `node bench/run.js ${argv.join(' ')}`.trim(),
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
      database: options.mode === 'postgres' ? `PostgreSQL ${database.version}` : 'PGlite',
      cache: options.mode === 'postgres' ? 'Redis' : 'in-memory cache',
      env: REPORTED_SERVER_ENV,
      readyMs,
      stop,
      metrics,
      log: server.logs.log,
    },
    target: targetCheck(run.runs, options.rate),
    scenarios: run.runs,
  };
}

/**
 * The server part of a postgres-mode record (vault.js, dashboard.js): its build, PostgreSQL and
 * Redis, the reported environment with `settings`, and how `server` (from startReady, with its
 * `stop` and `metrics` once known) started, stopped and logged.
 */
export function postgresServerRecord(server, database, settings) {
  return {
    builtAt: newestMtime(path.dirname(SERVER_ENTRY)),
    database: `PostgreSQL ${database.version}`,
    cache: 'Redis',
    env: { ...REPORTED_SERVER_ENV, ...settings },
    readyMs: server.readyMs,
    stop: server.stop,
    metrics: server.metrics,
    log: server.process.logs.log,
  };
}

/**
 * Writes bench/results/<name>-<startedAt with : and . as ->.json and returns its path; `name` is
 * the mode for run.js.
 */
export function writeResults(results, name = results.mode) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const file = path.join(RESULTS_DIR, `${name}-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
