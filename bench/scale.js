// 1 → 3 node scaling (issue 16): 1, 2, then 3 built server processes on one PostgreSQL + Redis
// behind a private nginx (bench/lib/nginx.js), each loaded with the fixed-rate mix of
// bench/mix.js at increasing rates until a step fails (p95 ≥ 200 ms, less than 98% of the rate
// achieved, or any failure). The last passing rate is that node count's maximum sustainable
// throughput. Prints a table (nodes, req/s, p95, CPU of the nodes, nginx, PostgreSQL + Redis)
// and writes bench/results/scale-<time>.json. On a 2-core machine the nodes, nginx, PostgreSQL,
// Redis and this load generator share the same two cores: see docs/performance.md.
// Usage: node bench/scale.js [--nodes 3] [--rates 200,400,600,800,1000,1200,1500]
// [--step 30] [--members 2000] [--connections 256]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cpuSeconds } from './lib/cpu.js';
import { runBench } from './lib/entry.js';
import { UsageError } from './lib/errors.js';
import { MIX_ISSUER, prepareMixFixture } from './lib/mix-fixture.js';
import { WEIGHTS } from './lib/mix-plan.js';
import { runMix } from './lib/mix-run.js';
import { startNginx } from './lib/nginx.js';
import { ROOT } from './lib/paths.js';
import { preparePostgresRun } from './lib/postgres-run.js';
import { gitInfo, machineInfo, writeResults } from './lib/results.js';
import { startServer, stopServer, waitForReady } from './lib/server.js';
import { round } from './lib/stats.js';

const USAGE = `node bench/scale.js [--nodes 3] [--rates 200,400,600,800,1000,1200,1500]
  [--step 30] [--members 2000] [--connections 256]`;
const TARGET_P95_MS = 200;

function parse(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      nodes: { type: 'string', default: '3' },
      rates: { type: 'string', default: '200,400,600,800,1000,1200,1500' },
      step: { type: 'string', default: '30' },
      members: { type: 'string', default: '2000' },
      connections: { type: 'string', default: '256' },
      help: { type: 'boolean', default: false },
    },
  });
  const rates = values.rates.split(',').map(Number);
  if (rates.some((rate) => !Number.isInteger(rate) || rate < 1)) {
    throw new UsageError('--rates must be positive integers, comma-separated');
  }
  const nodes = Number(values.nodes);
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 8) throw new UsageError('--nodes: 1–8');
  return {
    help: values.help,
    nodes,
    rates,
    step: Number(values.step),
    members: Number(values.members),
    connections: Number(values.connections),
  };
}

/** nginx's worker processes (the master only accepts and hands over). */
function childPids(pid) {
  try {
    return readChildren(pid);
  } catch {
    return [];
  }
}
const readChildren = (pid) =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);

const passes = (run) =>
  run.p95 < TARGET_P95_MS && run.achievedPerSecond >= 0.98 * run.rate && run.failures === 0;

async function main(argv) {
  const options = parse(argv);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  // Two hops: nginx, and this script claiming each request's own client address.
  const settings = { PUBLIC_URL: MIX_ISSUER, TRUST_PROXY: '2', MAX_IN_FLIGHT: '200' };
  const { startedAt, background, calibration, secrets, database, env } =
    await preparePostgresRun(settings);
  const nodes = [];
  const steps = [];
  let fixture;
  try {
    for (let count = 1; count <= options.nodes; count += 1) {
      const node = await startServer(env);
      nodes.push(node);
      await waitForReady(node);
      const nginx = await startNginx(nodes.map((n) => n.url));
      try {
        fixture ??= await prepareMixFixture({
          url: nginx.url,
          database,
          secrets,
          members: options.members,
          loginMembers: 20,
          lifetimeSeconds: 3 * options.rates.length * (options.step + 20) + 900,
        });
        for (const rate of options.rates) {
          console.error(`${count} node(s): ${rate} req/s for ${options.step} s`);
          const workers = childPids(nginx.pid);
          const nginxBefore = workers.map(cpuSeconds);
          const run = await runMix({
            url: nginx.url,
            pids: nodes.map((n) => n.pid),
            databaseUrl: database.url,
            fixture,
            rate,
            duration: options.step,
            connections: options.connections,
          });
          const nginxCpu = workers.reduce(
            (sum, pid, i) => sum + cpuSeconds(pid) - nginxBefore[i],
            0,
          );
          const step = {
            nodes: count,
            ...run,
            nginxCpuPercent: round((100 * nginxCpu) / options.step, 0),
          };
          steps.push(step);
          console.error(
            `  achieved ${run.achievedPerSecond} req/s, p95 ${run.p95} ms, failures ${run.failures}, ` +
              `CPU nodes ${run.cpu.serverPercentByNode.join('+')}%`,
          );
          if (!passes(run)) break;
        }
      } finally {
        await nginx.stop();
      }
    }
  } finally {
    await Promise.all(nodes.map((node) => stopServer(node)));
  }

  const table = [];
  for (let count = 1; count <= options.nodes; count += 1) {
    const ofCount = steps.filter((s) => s.nodes === count);
    const best = ofCount.filter(passes).at(-1);
    const failed = ofCount.find((s) => !passes(s));
    table.push({
      nodes: count,
      maxSustainedRate: best?.rate ?? null,
      achieved: best?.achievedPerSecond ?? null,
      p95: best?.p95 ?? null,
      serverCpuPercent: best?.cpu.serverPercent ?? null,
      nginxCpuPercent: best?.nginxCpuPercent ?? null,
      servicesCpuPercent: best?.cpu.servicesPercent ?? null,
      clientCpuPercent: best?.cpu.clientPercent ?? null,
      devicesCpuPercent: best?.cpu.devicesPercent ?? null,
      otherCpuPercent: best?.cpu.otherPercent ?? null,
      firstFailing: failed
        ? {
            rate: failed.rate,
            achieved: failed.achievedPerSecond,
            p95: failed.p95,
            failures: failed.failures,
          }
        : null,
    });
  }
  const record = {
    benchmark: 'scale',
    command: `node bench/scale.js ${argv.join(' ')}`.trim(),
    startedAt: startedAt.toISOString(),
    options,
    weights: WEIGHTS,
    machine: { ...machineInfo(), backgroundCpuPercent: background, calibrationMs: calibration },
    git: gitInfo(),
    table,
    steps,
  };
  const file = writeResults(record, 'scale');
  console.log(
    '| nodes | max req/s with p95 < 200 ms | p95 ms | CPU % nodes / nginx / pg+redis / bench / devices / other | first failing step |',
  );
  console.log('| ---: | ---: | ---: | --- | --- |');
  for (const row of table) {
    const failing = row.firstFailing
      ? `${row.firstFailing.rate} req/s: ${row.firstFailing.achieved} achieved, p95 ${row.firstFailing.p95} ms, ${row.firstFailing.failures} failures`
      : 'none (raise --rates)';
    console.log(
      `| ${row.nodes} | ${row.maxSustainedRate ?? '< lowest rate'} | ${row.p95 ?? '—'} | ` +
        `${row.serverCpuPercent ?? '—'} / ${row.nginxCpuPercent ?? '—'} / ${row.servicesCpuPercent ?? '—'} / ` +
        `${row.clientCpuPercent ?? '—'} / ${row.devicesCpuPercent ?? '—'} / ${row.otherCpuPercent ?? '—'} | ${failing} |`,
    );
  }
  console.error(`\nresults written to ${path.relative(ROOT, file)}`);
  return 0;
}

await runBench(main, USAGE);
