// Authentication benchmark: full OPAQUE logins (initiate + complete) and refresh-token rotation
// against one node on PostgreSQL + Redis, with the server's CPU time measured, so the result can
// be compared per core with Keycloak's published sizing (15 password logins and 120 refreshes
// per second per vCPU). Usage: node bench/auth.js [--users 600] [--concurrency 12]
// [--duration 15] [--connections 32]
import { randomBytes, createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as opaque from '@serenity-kit/opaque';
import autocannon from 'autocannon';
import { cpuSeconds } from './lib/cpu.js';
import { createDatabase, dropDatabase } from './lib/database.js';
import { startServer, stopServer, waitForReady } from './lib/server.js';
import { DEFAULT_PG_ADMIN_URL, DEFAULT_REDIS_URL } from './lib/services.js';
import { percentiles } from './lib/stats.js';
import { generateServerSecrets } from './lib/secrets.js';

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

// The cheapest stretching the server accepts, so the load generator is not the bottleneck.
const KSF = { 'argon2id-custom': { memory: 8192, iterations: 1, parallelism: 1 } };
const PASSWORD = 'bench password';

// Each request claims its own client address (X-Forwarded-For, TRUST_PROXY=1): per-IP limits
// would otherwise stop a benchmark from one machine. 198.18.0.0/15 is the benchmarking range.
let addresses = 0;
const nextIp = () => {
  addresses += 1;
  return `198.${18 + ((addresses >> 16) & 1)}.${(addresses >> 8) & 255}.${addresses & 255}`;
};
const b64 = (bytes) => Buffer.from(bytes).toString('base64url');
const envelope = () => ({
  v: 1,
  alg: 'A256GCM',
  kid: '1',
  iv: b64(randomBytes(12)),
  ct: b64(randomBytes(48)),
});

async function post(url, route, body, ip = nextIp()) {
  const response = await fetch(`${url}/api/v1${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${route}: ${response.status} ${json.code}`);
  return json;
}

async function register(url, email) {
  await post(url, '/auth/initiate-registration', {
    email,
    privacy_accepted: true,
    privacy_version: '2026-11-01',
  });
  const { mails } = await (await fetch(`${url}/api/v1/dev/mailbox`)).json();
  const code = mails.find((mail) => mail.to === email).subject.match(/\d{6}/)[0];
  const { clientRegistrationState, registrationRequest } = opaque.client.startRegistration({
    password: PASSWORD,
  });
  const verified = await post(url, '/auth/verify-email', {
    email,
    code,
    registration_request: registrationRequest,
  });
  const { registrationRecord } = opaque.client.finishRegistration({
    password: PASSWORD,
    clientRegistrationState,
    registrationResponse: verified.registration_response,
    keyStretching: KSF,
  });
  const proof = randomBytes(32);
  await post(url, '/auth/complete-registration', {
    registration_token: verified.registration_token,
    registration_record: registrationRecord,
    ksf: KSF,
    wrapped_user_key: envelope(),
    recovery: {
      wrapped_user_key: envelope(),
      auth_hash: createHash('sha256').update(proof).digest('base64url'),
    },
  });
}

/** One full login; `server` is the time spent waiting on the two HTTP calls (no client crypto). */
async function login(url, email) {
  const ip = nextIp();
  const { clientLoginState, startLoginRequest } = opaque.client.startLogin({ password: PASSWORD });
  const t0 = performance.now();
  const started = await post(
    url,
    '/auth/initiate-login',
    { email, start_login_request: startLoginRequest },
    ip,
  );
  const t1 = performance.now();
  const finish = opaque.client.finishLogin({
    clientLoginState,
    loginResponse: started.login_response,
    password: PASSWORD,
    keyStretching: started.ksf,
  });
  const t2 = performance.now();
  const done = await post(
    url,
    '/auth/complete-login',
    { login_id: started.login_id, finish_login_request: finish.finishLoginRequest },
    ip,
  );
  const t3 = performance.now();
  return { server: t1 - t0 + (t3 - t2), total: t3 - t0, refreshToken: done.refresh_token };
}

async function inParallel(count, items, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: count }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

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
    server = await startServer({
      PATH: process.env.PATH,
      ...(await generateServerSecrets()).env,
      DATABASE_URL: database.url,
      REDIS_URL: process.env.BENCH_REDIS_URL ?? DEFAULT_REDIS_URL,
      CACHE_KEY_PREFIX: `bench${Date.now()}:`,
      TRUST_PROXY: '1',
      RATE_LIMIT_MAX: '1000000',
    });
    await waitForReady(server);
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
