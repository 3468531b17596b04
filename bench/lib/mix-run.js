// One fixed-rate run of the member/cooperative mix (mix-plan.js) against `url`, for bench/mix.js
// and each step of bench/scale.js: a short warm-up at the same rate, then the measured run, with
// the CPU of the server processes (`pids`), PostgreSQL + Redis and the machine, and the
// database transactions per request from PostgreSQL's counters.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { cpuSeconds, readMachineCpuSeconds, readServicesCpu } from './cpu.js';
import { startMemberDevices } from './member-devices.js';
import { createMix, requestsPerOperation } from './mix-plan.js';
import { keepAliveAgent, newRecorder, runSchedule } from './open-load.js';
import { round } from './stats.js';

/** PostgreSQL 15 flushes a backend's counters within 10 s of its last transaction. */
const COUNTERS_FLUSH_MS = 11_000;

async function transactions(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()',
    );
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

const servicesTotal = (byPid) => [...(byPid ?? new Map()).values()].reduce((s, v) => s + v, 0);

/**
 * `rate` requests per second for `duration` seconds. Resolves to the run's record: offered and
 * achieved rates, latencies from the scheduled start overall and by route, failures, CPU.
 */
export async function runMix({
  url,
  pids,
  databaseUrl,
  fixture,
  rate,
  duration,
  connections,
  warmup = 5,
}) {
  const agent = keepAliveAgent(connections);
  const devices = startMemberDevices();
  const mix = (recorder) => createMix({ url, agent, fixture, recorder, devices });
  const operationRate = rate / requestsPerOperation;
  if (warmup > 0) await runSchedule(operationRate, warmup, mix(newRecorder()));
  const recorder = newRecorder();
  const before = {
    server: pids.map(cpuSeconds),
    services: servicesTotal(readServicesCpu()),
    machine: readMachineCpuSeconds(),
    client: process.cpuUsage(),
    devices: cpuSeconds(devices.pid),
    transactions: await transactions(databaseUrl),
  };
  const timing = await runSchedule(operationRate, duration, mix(recorder));
  const seconds = timing.seconds;
  const serverCpu = pids.map((pid, i) => cpuSeconds(pid) - before.server[i]);
  const services = servicesTotal(readServicesCpu()) - before.services;
  const machine = readMachineCpuSeconds() - before.machine;
  const clientUsage = process.cpuUsage(before.client);
  const client = (clientUsage.user + clientUsage.system) / 1e6;
  const devicesCpu = cpuSeconds(devices.pid) - before.devices;
  await agent.close();
  devices.close();
  // Rates over the schedule's length: the last answers arrive a little after it ends, and any
  // lag of the server shows in the latencies, measured from each request's scheduled start.
  const summary = recorder.summary(timing.scheduleSeconds);
  await sleep(COUNTERS_FLUSH_MS);
  const transactionCount = (await transactions(databaseUrl)) - before.transactions;
  const serverTotal = serverCpu.reduce((s, v) => s + v, 0);
  const percent = (cpuSeconds) => round((100 * cpuSeconds) / seconds, 0);
  return {
    rate,
    durationSeconds: duration,
    offeredPerSecond: round((timing.started * requestsPerOperation) / timing.scheduleSeconds, 1),
    ...summary,
    cpu: {
      serverPercentByNode: serverCpu.map(percent),
      serverPercent: percent(serverTotal),
      servicesPercent: percent(services),
      clientPercent: percent(client),
      devicesPercent: percent(devicesCpu),
      otherPercent: Math.max(0, percent(machine - serverTotal - services - client - devicesCpu)),
      serverCpuMsPerRequest: summary.responses
        ? round((1000 * serverTotal) / summary.responses, 3)
        : null,
      servicesCpuMsPerRequest: summary.responses
        ? round((1000 * services) / summary.responses, 3)
        : null,
    },
    // Each statement outside a transaction is one; the idle server's scheduler adds a few.
    databaseTransactionsPerRequest: summary.responses
      ? round(transactionCount / summary.responses, 2)
      : null,
  };
}

const cell = (value) => (value === null || value === undefined ? '—' : String(value));

/** Markdown tables of one run: the totals, then one row per route. */
export function mixTables(run) {
  const lines = [
    '| offered req/s | achieved req/s | p50 ms | p95 ms | p99 ms | max ms | failures | CPU % server / pg+redis / bench / devices / other | server CPU ms/req | DB transactions/req |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |',
    `| ${run.offeredPerSecond} | ${run.achievedPerSecond} | ${run.p50} | ${run.p95} | ${run.p99} | ${run.max} | ${run.failures} | ` +
      `${run.cpu.serverPercent} / ${run.cpu.servicesPercent} / ${run.cpu.clientPercent} / ${cell(run.cpu.devicesPercent)} / ${run.cpu.otherPercent} | ` +
      `${cell(run.cpu.serverCpuMsPerRequest)} | ${cell(run.databaseTransactionsPerRequest)} |`,
    '',
    '| route | req/s | p50 ms | p95 ms | p99 ms | max ms | failures |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  const timeline = run.timeline ?? [];
  const byWindow = (pick) => timeline.map((window) => cell(pick(window))).join(' ');
  const windowsLines = timeline.length
    ? [
        '',
        `p95 ms by 10 s: ${byWindow((window) => window.p95)}`,
        `failures by 10 s: ${byWindow((window) => window.failures)}`,
      ]
    : [];
  for (const r of run.byRoute) {
    const detail = r.failures
      ? `${r.failures} ${JSON.stringify({ ...r.unexpected, ...r.errors })}`
      : '0';
    lines.push(
      `| ${r.route} | ${r.perSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.max} | ${detail} |`,
    );
  }
  return [...lines, ...windowsLines].join('\n');
}
