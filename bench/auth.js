// Authentication benchmark: full OPAQUE logins (initiate + complete) and refresh-token rotation
// against one node on PostgreSQL + Redis, with the server's CPU time measured, so the result can
// be compared per core with Keycloak's published sizing (15 password logins and 120 refreshes
// per second per vCPU). Usage: node bench/auth.js [--users 600] [--concurrency 12]
// [--duration 15] [--connections 32]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { inParallel, login, nextIp, opaque, register } from './lib/auth-client.js';
import { cpuSeconds } from './lib/cpu.js';
import { createDatabase, dropDatabase } from './lib/database.js';
import { stopServer } from './lib/server.js';
import { startAuthServer } from './lib/auth-server.js';
import { DEFAULT_PG_ADMIN_URL } from './lib/services.js';
import { percentiles } from './lib/stats.js';

const { values: options } = parseArgs({
  options: {
    users: { type: 'string', default: '600' },
    concurrency: { type: 'string', default: '12' },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '32' },
  },
});
const USERS = Number(options.users);
const CONCURRENCY = Number(options.concurrency);
const DURATION_S = Number(options.duration);
const CONNECTIONS = Number(options.connections);
const KEYCLOAK_PER_VCPU = { logins: 15, refreshes: 120 };

async function loginLoad(server, emails) {
  const serverMs = [];
  const totalMs = [];
  const refreshTokens = [];
  let failures = 0;
  const cpuBefore = cpuSeconds(server.pid);
  const started = performance.now();
  const deadline = started + DURATION_S * 1000;
  let turn = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const email = emails[turn++ % emails.length];
        try {
          const result = await login(server.url, email);
          serverMs.push(result.server);
          totalMs.push(result.total);
          if (refreshTokens.length < CONNECTIONS * 4) refreshTokens.push(result.refreshToken);
        } catch {
          failures += 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(server.pid) - cpuBefore;
  return {
    logins: serverMs.length,
    failures,
    perSecond: serverMs.length / seconds,
    serverCpuSeconds: cpu,
    perCoreSecond: serverMs.length / cpu,
    serverLatency: percentiles(serverMs),
    endToEnd: percentiles(totalMs),
    refreshTokens,
  };
}

async function refreshLoad(server, tokens) {
  const samples = [];
  let failures = 0;
  const cpuBefore = cpuSeconds(server.pid);
  const instance = autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/auth/refresh-token',
        // Every live token is in the pool or in exactly one request: each is spent once, as a
        // client would. (autocannon resets the context between requests, so it cannot hold it.)
        setupRequest: (request) => ({
          ...request,
          headers: { 'content-type': 'application/json', 'x-forwarded-for': nextIp() },
          body: JSON.stringify({ refresh_token: tokens.shift() }),
        }),
        onResponse: (status, body) => {
          if (status === 200) tokens.push(JSON.parse(body).refresh_token);
          else failures += 1;
        },
      },
    ],
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => samples.push(responseTime));
  const result = await instance;
  const cpu = cpuSeconds(server.pid) - cpuBefore;
  const ok = result.requests.total - failures;
  return {
    refreshes: ok,
    failures,
    perSecond: ok / DURATION_S,
    serverCpuSeconds: cpu,
    perCoreSecond: ok / cpu,
    latency: percentiles(samples),
  };
}

async function main() {
  await opaque.ready;
  const database = await createDatabase(process.env.BENCH_PG_URL ?? DEFAULT_PG_ADMIN_URL);
  let server;
  try {
    server = await startAuthServer(database);
    const emails = Array.from({ length: USERS }, (_, i) => `bench${i}@coop.example`);
    const registering = performance.now();
    await inParallel(4, emails, (email) => register(server.url, email));
    console.log(
      `registered ${USERS} members in ${((performance.now() - registering) / 1000).toFixed(1)} s`,
    );
    const logins = await loginLoad(server, emails);
    const { refreshTokens, ...loginFigures } = logins;
    const refreshes = await refreshLoad(server, refreshTokens);
    const report = {
      at: new Date().toISOString(),
      machine: '2 cores, client and server on the same machine',
      options: {
        users: USERS,
        concurrency: CONCURRENCY,
        durationSeconds: DURATION_S,
        connections: CONNECTIONS,
      },
      login: loginFigures,
      refresh: refreshes,
      keycloakPerVcpu: KEYCLOAK_PER_VCPU,
      timesKeycloak: {
        login: loginFigures.perCoreSecond / KEYCLOAK_PER_VCPU.logins,
        refresh: refreshes.perCoreSecond / KEYCLOAK_PER_VCPU.refreshes,
      },
    };
    const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, `auth-${report.at.replace(/[:.]/g, '-')}.json`),
      `${JSON.stringify(report, null, 2)}\n`,
    );
    const row = (name, f, latency) =>
      `| ${name} | ${f.perSecond.toFixed(0)} | ${f.serverCpuSeconds.toFixed(1)} | ${f.perCoreSecond.toFixed(0)} | ${latency.p50} | ${latency.p95} | ${latency.p99} | ${f.failures} |`;
    console.log(
      '| operation | per second | server CPU s | per server core-second | p50 ms | p95 ms | p99 ms | failures |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    console.log(row('full login (server time)', loginFigures, loginFigures.serverLatency));
    console.log(row('refresh', refreshes, refreshes.latency));
    console.log(
      `login end to end incl. client argon2: p50 ${loginFigures.endToEnd.p50} ms, p95 ${loginFigures.endToEnd.p95} ms`,
    );
    console.log(
      `vs Keycloak per vCPU: login ×${report.timesKeycloak.login.toFixed(1)}, refresh ×${report.timesKeycloak.refresh.toFixed(1)}`,
    );
  } finally {
    await stopServer(server);
    await dropDatabase(database);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
