// Real-time channel benchmark (issue 13): --sockets authenticated Socket.IO connections to one
// built server node on PostgreSQL + Redis, held by --workers threads; then --events rounds, each
// publishing one event per member on the cache channel every node relays (as MemberEvents.publish
// does), measuring the delay from publication to each socket's receipt, and the server's memory
// per socket (resident set from /proc, V8 heap from /metrics) before and after connecting.
// Members and sessions are seeded straight into the database and their access tokens minted with
// the server's key (bench/lib/seed.js, tokens.js); each handshake is still checked by the server
// against PostgreSQL. --members 1 (default): every socket is a tab of one member, so one event
// fans out to all of them. Usage: node bench/ws.js [--sockets 10000] [--members 1]
// [--events 5] [--workers 4]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { cpuSeconds, readProcess } from './lib/cpu.js';
import { createDatabase, dropDatabase } from './lib/database.js';
import { RESULTS_DIR } from './lib/paths.js';
import { generateServerSecrets } from './lib/secrets.js';
import { seedMembers } from './lib/seed.js';
import { serverEnv } from './lib/server-env.js';
import { startServer, stopServer, waitForReady } from './lib/server.js';
import { localServices } from './lib/services.js';
import { percentiles, round } from './lib/stats.js';
import { createMinter } from './lib/tokens.js';
import { startWorkers } from './lib/workers.js';

const { values } = parseArgs({
  options: {
    sockets: { type: 'string', default: '10000' },
    members: { type: 'string', default: '1' },
    events: { type: 'string', default: '5' },
    workers: { type: 'string', default: '4' },
  },
});
const SOCKETS = Number(values.sockets);
const MEMBERS = Math.min(Number(values.members), SOCKETS);
const EVENTS = Number(values.events);
const WORKERS = Number(values.workers);
/** The server's PUBLIC_URL, the issuer of the minted tokens. */
const ISSUER = 'https://ws-bench.card.coop.invalid';
/** As in packages/contracts/src/realtime.ts and apps/server/src/modules/realtime. */
const REALTIME_PATH = '/api/v1/realtime';
const EVENT_NAME = 'member-event';
const CHANNEL = 'member-events';
const TARGET_P95_MS = 100;

const now = () => performance.timeOrigin + performance.now();

async function heapUsedMb(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const bytes = Number(/^nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1]);
  return round(bytes / 2 ** 20, 1);
}

async function memory(server) {
  // Twice, a second apart: the first reading after a burst still holds its garbage.
  await sleep(1000);
  return { rssMb: round(readProcess(server.pid).rssMb, 1), heapMb: await heapUsedMb(server.url) };
}

function startSocketWorkers(url, tokens) {
  const share = Math.ceil(tokens.length / WORKERS);
  return startWorkers(
    new URL('./lib/ws-worker.js', import.meta.url),
    Array.from({ length: WORKERS }, (_, i) => ({
      url,
      path: REALTIME_PATH,
      eventName: EVENT_NAME,
      tokens: tokens.slice(i * share, (i + 1) * share),
      inFlight: 100,
    })),
  );
}

async function main() {
  const { adminUrl, redisUrl } = localServices();
  const secrets = await generateServerSecrets();
  const database = await createDatabase(adminUrl);
  const env = { ...serverEnv('postgres', database, redisUrl), ...secrets.env, PUBLIC_URL: ISSUER };
  let server;
  let workers = [];
  const redis = new Redis(redisUrl);
  try {
    server = await startServer(env);
    await waitForReady(server);
    const seeded = await seedMembers(database.url, MEMBERS);
    const minter = await createMinter(secrets.jwtPrivateKey, ISSUER);
    const memberTokens = await Promise.all(seeded.members.map((m) => minter.member(m, 3600)));
    const tokens = Array.from({ length: SOCKETS }, (_, i) => memberTokens[i % MEMBERS]);
    const before = await memory(server);

    const connecting = now();
    workers = startSocketWorkers(server.url, tokens);
    const connected = await Promise.all(workers.map((w) => w.next()));
    const open = connected.reduce((sum, c) => sum + c.open, 0);
    const refused = connected.reduce((sum, c) => sum + c.refused, 0);
    const connectSeconds = (now() - connecting) / 1000;
    console.log(`${open} sockets open (${refused} refused) in ${connectSeconds.toFixed(1)} s`);
    const after = await memory(server);

    const latencies = [];
    // The server's CPU time per round: the relay and the emit to every socket (an idle node
    // spends next to nothing in the 2 s), to tell the server's share from the clients'.
    const cpuMs = [];
    for (let round = 0; round < EVENTS; round += 1) {
      const cpuBefore = cpuSeconds(server.pid);
      const pipeline = redis.pipeline();
      const sentAt = now();
      for (const member of seeded.members) {
        const event = { type: 'notification', notification_id: String(sentAt) };
        pipeline.publish(
          env.CACHE_KEY_PREFIX + CHANNEL,
          JSON.stringify({ userId: member.userId, event }),
        );
      }
      await pipeline.exec();
      await sleep(2000);
      cpuMs.push((cpuSeconds(server.pid) - cpuBefore) * 1000);
      for (const w of workers) w.worker.postMessage('report');
      for (const report of await Promise.all(workers.map((w) => w.next())))
        latencies.push(...report.latencies);
    }
    const expected = open * EVENTS;
    const latency = percentiles(latencies);
    const report = {
      at: new Date().toISOString(),
      machine: '2 cores, sockets and server on the same machine',
      options: { sockets: SOCKETS, members: MEMBERS, events: EVENTS, workers: WORKERS },
      connect: {
        open,
        refused,
        seconds: round(connectSeconds, 1),
        perSecond: round(open / connectSeconds, 0),
      },
      delivery: { delivered: latencies.length, expected, latencyMs: latency },
      serverCpuMsPerEvent: percentiles(cpuMs),
      memory: {
        before,
        after,
        perSocketKb: {
          rss: round(((after.rssMb - before.rssMb) * 1024) / open, 1),
          heap: round(((after.heapMb - before.heapMb) * 1024) / open, 1),
        },
      },
      targetP95Ms: TARGET_P95_MS,
      met: latency.p95 < TARGET_P95_MS && latencies.length === expected && refused === 0,
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(
      path.join(RESULTS_DIR, `ws-${report.at.replace(/[:.]/g, '-')}.json`),
      `${JSON.stringify(report, null, 2)}\n`,
    );
    console.log(
      `delivered ${latencies.length}/${expected}: p50 ${latency.p50} ms, p95 ${latency.p95} ms, ` +
        `p99 ${latency.p99} ms, max ${latency.max} ms (target p95 < ${TARGET_P95_MS} ms: ${report.met ? 'met' : 'NOT met'})`,
    );
    console.log(`server CPU per event: median ${report.serverCpuMsPerEvent.p50} ms`);
    console.log(
      `server memory: RSS ${before.rssMb} → ${after.rssMb} MB, heap ${before.heapMb} → ${after.heapMb} MB; ` +
        `per socket ${report.memory.perSocketKb.rss} KB RSS, ${report.memory.perSocketKb.heap} KB heap`,
    );
    if (!report.met) process.exitCode = 1;
  } finally {
    for (const w of workers) w.worker.postMessage('close');
    redis.disconnect();
    if (server) await stopServer(server);
    await dropDatabase(database);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
