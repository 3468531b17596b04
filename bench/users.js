// 10,000 concurrent users (issue 16): --users members seeded in the database (a card and a home
// each, bench/lib/seed.js, dashboard-seed.js), each with one authenticated Socket.IO connection
// (websocket transport, held by --workers threads, bench/lib/users-worker.js) to one built node
// on PostgreSQL + Redis. For --duration seconds every user reads their notifications once every
// --period seconds (an open schedule: users ÷ period requests per second), and --writes card
// writes per second (GET the card, PUT it on its revision) each make the server push
// `card.changed` to the writer's socket: the fan-out latency is from sending the PUT to the
// event's receipt. Reports connected sockets, the server's memory, request latencies by route
// and the event latency; JSON in bench/results/users-<time>.json.
// Usage: node bench/users.js [--users 10000] [--period 30] [--duration 120] [--writes 20]
// [--workers 2] [--connections 128]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { cpuSeconds, readProcess } from './lib/cpu.js';
import { seedDashboards } from './lib/dashboard-seed.js';
import { runBench } from './lib/entry.js';
import { SetupError } from './lib/errors.js';
import { cardWriteBody } from './lib/mix-plan.js';
import { keepAliveAgent, newRecorder, runSchedule, send } from './lib/open-load.js';
import { ROOT } from './lib/paths.js';
import { preparePostgresRun, startReady } from './lib/postgres-run.js';
import { gitInfo, machineInfo, writeResults } from './lib/results.js';
import { emailSealer } from './lib/secrets.js';
import { COOPERATIVES, seedMembers } from './lib/seed.js';
import { stopServer } from './lib/server.js';
import { percentiles, round } from './lib/stats.js';
import { createMinter } from './lib/tokens.js';
import { startWorkers } from './lib/workers.js';

const USAGE = `node bench/users.js [--users 10000] [--period 30] [--duration 120] [--writes 20]
  [--workers 2] [--connections 128]`;
const ISSUER = 'https://users-bench.card.coop.invalid';
/** As in packages/contracts/src/realtime.ts. */
const REALTIME_PATH = '/api/v1/realtime';
const EVENT_NAME = 'member-event';
const now = () => performance.timeOrigin + performance.now();

function parse(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      users: { type: 'string', default: '10000' },
      period: { type: 'string', default: '30' },
      duration: { type: 'string', default: '120' },
      writes: { type: 'string', default: '20' },
      workers: { type: 'string', default: '2' },
      connections: { type: 'string', default: '128' },
      help: { type: 'boolean', default: false },
    },
  });
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, key === 'help' ? value : Number(value)]),
  );
}

/** The open-files limit this process (and the server it spawns) has. */
function openFilesLimit() {
  const line = readFileSync('/proc/self/limits', 'utf8').match(/^Max open files\s+(\d+)/m);
  return line ? Number(line[1]) : null;
}

function startUserWorkers(url, tokens, count) {
  const share = Math.ceil(tokens.length / count);
  return startWorkers(
    new URL('./lib/users-worker.js', import.meta.url),
    Array.from({ length: count }, (_, i) => ({
      url,
      path: REALTIME_PATH,
      eventName: EVENT_NAME,
      tokens: tokens.slice(i * share, (i + 1) * share),
      firstIndex: i * share,
      inFlight: 100,
    })),
  );
}

async function serverMemory(server) {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const heap = Number(/^nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1]);
  return { rssMb: round(readProcess(server.pid).rssMb, 1), heapMb: round(heap / 2 ** 20, 1) };
}

async function main(argv) {
  const options = parse(argv);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const limit = openFilesLimit();
  if (limit !== null && limit < options.users + 1000) {
    throw new SetupError(
      `ulimit -n is ${limit}: the server needs a descriptor per socket (raise it above ${options.users + 1000})`,
    );
  }
  // The admission limit production has (its default there; development has none).
  const settings = { PUBLIC_URL: ISSUER, MAX_IN_FLIGHT: '200' };
  const { startedAt, background, secrets, database, env } = await preparePostgresRun(settings);
  const server = await startReady('server', env);
  console.error(`seeding ${options.users} members`);
  const seeded = await seedMembers(database.url, options.users, {
    accounts: 1,
    sealEmail: await emailSealer(secrets),
  });
  await seedDashboards(
    database.url,
    Array.from({ length: COOPERATIVES }, (_, i) => `benchcoop${i + 1}`),
  );
  const minter = await createMinter(secrets.jwtPrivateKey, ISSUER);
  const lifetime = options.duration + 1800;
  const tokens = await Promise.all(seeded.members.map((m) => minter.member(m, lifetime)));
  const before = await serverMemory(server);

  const connecting = now();
  const workers = startUserWorkers(server.url, tokens, options.workers);
  try {
    const connected = await Promise.all(workers.map((w) => w.next()));
    const open = connected.reduce((sum, c) => sum + c.open, 0);
    const refused = connected.reduce((sum, c) => sum + c.refused, 0);
    const connectSeconds = round((now() - connecting) / 1000, 1);
    console.error(`${open} sockets open (${refused} refused) in ${connectSeconds} s`);
    await sleep(1000);
    const afterConnect = await serverMemory(server);

    const agent = keepAliveAgent(options.connections);
    const recorder = newRecorder();
    const headers = (i) => ({ authorization: `Bearer ${tokens[i]}` });
    const random = () => Math.floor(Math.random() * tokens.length);
    async function timed(route, since, request) {
      try {
        const response = await send(agent, server.url, request);
        recorder.response(
          route,
          performance.now() - since,
          response.status,
          response.status === 200,
        );
        return response;
      } catch (error) {
        recorder.error(route, error);
        return undefined;
      }
    }
    const reads = runSchedule(options.users / options.period, options.duration, (since) =>
      timed('GET /api/v1/notifications', since, {
        path: '/api/v1/notifications',
        headers: headers(random()),
      }),
    );
    // Which write each event answers: member index and revision → when its PUT was sent.
    const sentAt = new Map();
    const writing = new Set();
    const writes = runSchedule(options.writes, options.duration, async (since) => {
      const i = random();
      if (writing.has(i)) return;
      writing.add(i);
      try {
        const read = await timed('GET /api/v1/card', since, {
          path: '/api/v1/card',
          headers: headers(i),
        });
        if (read?.status !== 200) return;
        const { revision } = JSON.parse(read.body);
        const putAt = now();
        const written = await timed('PUT /api/v1/card', performance.now(), {
          method: 'PUT',
          path: '/api/v1/card',
          headers: headers(i),
          body: cardWriteBody(revision),
        });
        if (written?.status === 200) sentAt.set(`${i}:${JSON.parse(written.body).revision}`, putAt);
      } finally {
        writing.delete(i);
      }
    });
    const cpuBefore = cpuSeconds(server.pid);
    const loadStarted = performance.now();
    const memorySamples = [];
    const sampler = setInterval(() => {
      const reading = readProcess(server.pid);
      if (reading) memorySamples.push(reading.rssMb);
    }, 1000);
    const [readTiming] = await Promise.all([reads, writes]);
    const serverCpuPercent = round(
      (100 * (cpuSeconds(server.pid) - cpuBefore) * 1000) / (performance.now() - loadStarted),
      0,
    );
    clearInterval(sampler);
    await agent.close();
    await sleep(2000);
    const afterLoad = await serverMemory(server);

    const eventLatencies = [];
    let unmatched = 0;
    let disconnected = 0;
    for (const w of workers) w.worker.postMessage('report');
    for (const report of await Promise.all(workers.map((w) => w.next()))) {
      disconnected += report.disconnected;
      for (const { index, event, at } of report.received) {
        if (event.type !== 'card.changed') continue;
        const sent = sentAt.get(`${index}:${event.revision}`);
        if (sent === undefined) unmatched += 1;
        else eventLatencies.push(at - sent);
      }
    }
    const requests = recorder.summary(readTiming.scheduleSeconds);
    const events = {
      expected: sentAt.size,
      delivered: eventLatencies.length,
      unmatched,
      latencyMs: percentiles(eventLatencies),
    };
    server.stop = await stopServer(server.process);
    const record = {
      benchmark: 'users',
      command: `node bench/users.js ${argv.join(' ')}`.trim(),
      startedAt: startedAt.toISOString(),
      options,
      openFilesLimit: limit,
      machine: { ...machineInfo(), backgroundCpuPercent: background },
      git: gitInfo(),
      sockets: { open, refused, connectSeconds, disconnectedDuringRun: disconnected },
      memory: {
        before,
        afterConnect,
        afterLoad,
        peakRssMb: round(Math.max(...memorySamples, afterLoad.rssMb), 1),
        rssPerSocketKb: open ? round(((afterConnect.rssMb - before.rssMb) * 1024) / open, 1) : null,
      },
      requests,
      serverCpuPercent,
      events,
      serverStop: server.stop,
    };
    const file = writeResults(record, 'users');
    console.log(
      `### users · ${options.users} sockets · ${options.duration} s · ${record.startedAt}\n`,
    );
    console.log(
      '| sockets open / refused / dropped | RSS before → sockets → load (peak) MB | RSS per socket | requests/s | request p95 ms | failures | server CPU % | events delivered / expected | event p50 / p95 / p99 ms |',
    );
    console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |');
    console.log(
      `| ${open} / ${refused} / ${disconnected} | ${before.rssMb} → ${afterConnect.rssMb} → ${afterLoad.rssMb} (${record.memory.peakRssMb}) | ` +
        `${record.memory.rssPerSocketKb} KB | ${requests.achievedPerSecond} | ${requests.p95} | ${requests.failures} | ${serverCpuPercent} | ` +
        `${events.delivered} / ${events.expected} | ${events.latencyMs.p50} / ${events.latencyMs.p95} / ${events.latencyMs.p99} |`,
    );
    console.log(
      '\n| route | req/s | p50 ms | p95 ms | p99 ms | failures |\n| --- | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const r of requests.byRoute) {
      console.log(
        `| ${r.route} | ${r.perSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.failures} |`,
      );
    }
    console.error(`\nresults written to ${path.relative(ROOT, file)}`);
    const ok = refused === 0 && requests.failures === 0 && events.delivered === events.expected;
    return ok && server.stop?.exitCode === 0 ? 0 : 1;
  } finally {
    for (const w of workers) w.worker.postMessage('close');
  }
}

await runBench(main, USAGE);
