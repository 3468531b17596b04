// The built server as a child process, for run.js and auth.js alike: started on a free loopback
// port with a fresh DATA_DIR, polled until /health/ready answers, stopped with SIGTERM, and never
// left running after this process exits.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT, SERVER_ENTRY } from './paths.js';
import { createLogCollector } from './server-log.js';
import { checkInterrupted } from './session.js';

export const SERVER_LOG_LEVEL = 'warn';
const READY_TIMEOUT_MS = 60_000;
const READY_POLL_MS = 100;
/** Given to the server as SHUTDOWN_TIMEOUT_MS (its default too); stopServer waits a little more. */
const SERVER_SHUTDOWN_TIMEOUT_MS = 30_000;
const STOP_WAIT_MS = SERVER_SHUTDOWN_TIMEOUT_MS + 5_000;
const KILL_WAIT_MS = 5_000;

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

export function hasExited(child) {
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

/**
 * Spawns the server with `env` plus where it listens, its own DATA_DIR, warn-level logs and no
 * drain on shutdown. Returns once it is spawned: waitForReady waits for it to answer. `entry` is
 * another program that honours the same variables and /health/ready (vault.js's baseline).
 */
export async function startServer(env, entry = SERVER_ENTRY) {
  const port = await freePort();
  checkInterrupted();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cardcoop-bench-'));
  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  // BENCH_SERVER_NODE_FLAGS: Node.js flags for the server only (e.g. V8's heap settings).
  const flags = (process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...profile, ...flags, entry], {
    cwd: ROOT,
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: SERVER_LOG_LEVEL,
      SHUTDOWN_DRAIN_MS: '0',
      SHUTDOWN_TIMEOUT_MS: String(SERVER_SHUTDOWN_TIMEOUT_MS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs = createLogCollector();
  createInterface({ input: child.stdout }).on('line', (line) => logs.add('stdout', line));
  createInterface({ input: child.stderr }).on('line', (line) => logs.add('stderr', line));
  child.on('error', (error) => logs.add('stderr', `spawn error: ${error.message}`));
  // Whichever way this process ends (a second Ctrl-C, an uncaught error), the server goes too.
  process.on('exit', () => {
    if (!hasExited(child)) child.kill('SIGKILL');
  });
  return {
    child,
    pid: child.pid,
    logs,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    startedAt: Date.now(),
    stopping: undefined,
  };
}

/** Milliseconds from spawn to the first 200 from /health/ready; throws if it exits or times out. */
export async function waitForReady(server) {
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
      const response = await fetch(`${server.url}/health/ready`, {
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

/** Throws, naming a likely outside kill, if the server is no longer running. */
export function assertServerAlive(server, when) {
  const { child, logs } = server;
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

async function stop({ child, dataDir }) {
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
  const ms = Date.now() - started;
  rmSync(dataDir, { recursive: true, force: true });
  return { ms, exitCode: child.exitCode, signal: child.signalCode, killed };
}

/**
 * SIGTERM, then wait; SIGKILL only if it does not stop in time; then its DATA_DIR is removed.
 * Resolves to how it went ({ms, exitCode, signal, killed}); any number of calls share one stop.
 */
export function stopServer(server) {
  if (!server) return Promise.resolve(undefined);
  server.stopping ??= stop(server);
  return server.stopping;
}
