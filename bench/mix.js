// The production mix (issue 16): members and cooperatives at a FIXED arrival rate (open model:
// requests start on schedule whatever the answers, latency from the scheduled start) against
// one built server node on PostgreSQL + Redis. Weights and routes: bench/lib/mix-plan.js; data:
// bench/lib/mix-fixture.js. Prints markdown tables (overall, by route) and writes the JSON to
// bench/results/mix-<time>.json. Exit code 0 when every request had its expected status.
// With --nodes N > 1 the nodes run behind a private nginx (bench/lib/nginx.js), as bench/scale.js.
// Usage: node bench/mix.js [--rate 1000] [--duration 300] [--nodes 1] [--mode postgres]
// [--members 2000] [--login-members 20] [--connections 256] [--pool 10] [--max-in-flight 200]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBench } from './lib/entry.js';
import { UsageError } from './lib/errors.js';
import { scrapeMetrics } from './lib/metrics.js';
import { startNginx } from './lib/nginx.js';
import { MIX_ISSUER, prepareMixFixture } from './lib/mix-fixture.js';
import { WEIGHTS } from './lib/mix-plan.js';
import { mixTables, runMix } from './lib/mix-run.js';
import { ROOT } from './lib/paths.js';
import { preparePostgresRun, startReady } from './lib/postgres-run.js';
import { gitInfo, machineInfo, postgresServerRecord, writeResults } from './lib/results.js';
import { startServer, stopServer, waitForReady } from './lib/server.js';

const USAGE = `node bench/mix.js [--rate 1000] [--duration 300] [--nodes 1] [--mode postgres]
  [--members 2000] [--login-members 20] [--connections 256] [--pool 10] [--max-in-flight 200]`;
const TARGET_P95_MS = 200;

function parse(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      rate: { type: 'string', default: '1000' },
      duration: { type: 'string', default: '300' },
      nodes: { type: 'string', default: '1' },
      mode: { type: 'string', default: 'postgres' },
      members: { type: 'string', default: '2000' },
      'login-members': { type: 'string', default: '20' },
      connections: { type: 'string', default: '256' },
      pool: { type: 'string', default: '10' },
      'max-in-flight': { type: 'string', default: '200' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.mode !== 'postgres') {
    throw new UsageError('--mode postgres only: the mix seeds its members with SQL');
  }
  const number = (name, min, max) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
    }
    return value;
  };
  return {
    help: values.help,
    rate: number('rate', 1, 100_000),
    duration: number('duration', 1, 3600),
    nodes: number('nodes', 1, 8),
    members: number('members', 10, 1_000_000),
    loginMembers: number('login-members', 1, 1000),
    connections: number('connections', 1, 10_000),
    pool: number('pool', 1, 100),
    maxInFlight: number('max-in-flight', 0, 100_000),
  };
}

async function main(argv) {
  const options = parse(argv);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const settings = {
    PUBLIC_URL: MIX_ISSUER,
    DATABASE_POOL_MAX: String(options.pool),
    MAX_IN_FLIGHT: String(options.maxInFlight),
    // One hop (this script claims each request's client address), two behind nginx.
    TRUST_PROXY: options.nodes > 1 ? '2' : '1',
  };
  const { startedAt, background, calibration, secrets, database, env } =
    await preparePostgresRun(settings);
  const server = await startReady('server', env);
  const others = [];
  let nginx;
  let run;
  let fixture;
  try {
    for (let count = 1; count < options.nodes; count += 1) {
      const node = await startServer(env);
      others.push(node);
      await waitForReady(node);
    }
    nginx = options.nodes > 1 ? await startNginx([server, ...others].map((n) => n.url)) : null;
    const url = nginx?.url ?? server.url;
    console.error(`seeding ${options.members} members, registering ${options.loginMembers}`);
    fixture = await prepareMixFixture({
      url,
      database,
      secrets,
      members: options.members,
      loginMembers: options.loginMembers,
      lifetimeSeconds: options.duration + 900,
    });
    console.error(
      `running ${options.rate} req/s for ${options.duration} s on ${options.nodes} node(s)`,
    );
    run = await runMix({
      url,
      pids: [server.pid, ...others.map((node) => node.pid)],
      databaseUrl: database.url,
      fixture,
      rate: options.rate,
      duration: options.duration,
      connections: options.connections,
    });
  } finally {
    await nginx?.stop();
    await Promise.all(others.map((node) => stopServer(node)));
  }
  // The first node's metrics and stop stand for all (the others ran the same build and settings).
  server.metrics = await scrapeMetrics(server);
  server.stop = await stopServer(server.process);
  const record = {
    benchmark: 'mix',
    command: `node bench/mix.js ${argv.join(' ')}`.trim(),
    startedAt: startedAt.toISOString(),
    options,
    weights: WEIGHTS,
    machine: { ...machineInfo(), backgroundCpuPercent: background, calibrationMs: calibration },
    git: gitInfo(),
    server: postgresServerRecord(server, database, settings),
    seed: fixture.summary,
    targetP95Ms: TARGET_P95_MS,
    run,
    target: {
      p95Below200: run.p95 < TARGET_P95_MS,
      achievedAtLeast98PercentOfRate: run.achievedPerSecond >= 0.98 * options.rate,
      noFailures: run.failures === 0,
    },
  };
  const file = writeResults(record, 'mix');
  const where = options.nodes > 1 ? ` · ${options.nodes} nodes behind nginx` : '';
  console.log(
    `### mix · ${options.rate} req/s · ${options.duration} s${where} · ${record.startedAt} · calibration ${calibration} ms\n`,
  );
  console.log(mixTables(run));
  console.log(
    `\ntarget (p95 < 200 ms, ≥ 98% of the rate, 0 failures): ${JSON.stringify(record.target)}`,
  );
  console.error(`\nresults written to ${path.relative(ROOT, file)}`);
  return run.failures === 0 && server.stop?.exitCode === 0 ? 0 : 1;
}

await runBench(main, USAGE);
