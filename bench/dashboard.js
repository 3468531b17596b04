// The member home benchmark (issue 13): GET /api/v1/dashboard of the built server on PostgreSQL +
// Redis, with --members members (default 1,000) seeded straight into the database, each with a
// card, two accounts, meetings, payment requests, notifications and reads (bench/lib/seed.js,
// dashboard-seed.js), loaded by --connections connections (default 1,000: every member's home
// loading at once), every request with a random member's token; then, with --rate, at a fixed
// rate. Also counts the database statements one request makes. Prints a markdown table and
// writes the results as JSON to bench/results/dashboard-<time>.json. See bench/README.md.
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseDashboardOptions, USAGE } from './lib/dashboard-options.js';
import { seedDashboards } from './lib/dashboard-seed.js';
import { runBench } from './lib/entry.js';
import { SetupError } from './lib/errors.js';
import { WARMUP_SECONDS } from './lib/load.js';
import { scrapeMetrics } from './lib/metrics.js';
import { preparePostgresRun, startReady } from './lib/postgres-run.js';
import { ROOT } from './lib/paths.js';
import { gitInfo, machineInfo, postgresServerRecord, writeResults } from './lib/results.js';
import { emailSealer } from './lib/secrets.js';
import { COOPERATIVES, seedMembers } from './lib/seed.js';
import { stopServer } from './lib/server.js';
import { checkInterrupted } from './lib/session.js';
import { statementsPerRequest } from './lib/statements.js';
import { createMinter } from './lib/tokens.js';
import { runTarget } from './lib/vault-load.js';

const ISSUER = 'https://dashboard-bench.card.coop.invalid';
const PATH = '/api/v1/dashboard';
const ROUTE = `GET ${PATH}`;
const ACCOUNTS_PER_MEMBER = 2;
/** Requests sent one at a time (a member each, in turn) to count the statements of one. */
const COUNTED_REQUESTS = 1000;
const TARGET_P95_MS = 200;
const SETTLE_MS = 2000;

/** One request per member with its own token; `expected` checks a body in the preflight. */
async function requestPool(members, minter, lifetimeSeconds) {
  return Promise.all(
    members.map(async (member) => ({
      path: PATH,
      authorization: `Bearer ${await minter.member(member, lifetimeSeconds)}`,
      expected: (body) =>
        body.card?.kind === 'individual' &&
        body.accounts?.length === member.accounts.length &&
        body.notifications?.latest?.length === 5 &&
        body.balances?.length === member.accounts.filter((account) => account.confirmed).length,
    })),
  );
}

async function get(url, request) {
  const response = await fetch(`${url}${request.path}`, {
    headers: { authorization: request.authorization },
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return { status: response.status, text };
}

/** Every member's home answers 200 with their seeded data before any load. */
async function preflight(server, pool) {
  for (const request of pool) {
    const { status, text } = await get(server.url, request);
    if (status !== 200 || !request.expected(JSON.parse(text))) {
      throw new SetupError(`preflight: GET ${PATH} answered ${status}: ${text.slice(0, 400)}`);
    }
  }
}

const cell = (value) => (value === null || value === undefined ? '—' : String(value));

function markdown(record) {
  const { machine, options, statements } = record;
  const lines = [
    `### dashboard · ${options.members} members · ${options.duration} s · ${record.startedAt}`,
    '',
    `Command: \`${record.command}\`  `,
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, ${machine.platform}, ` +
      `Node ${machine.node}; other processes used ${cell(machine.backgroundCpuPercent)}% of a core ` +
      `before the run; commit ${record.git.commit}${record.git.dirty ? ' (dirty)' : ''}, ` +
      `server built ${record.server.builtAt}, pool ${options.pool}  `,
    `Database statements per request: ${statements.perRequest} (${statements.requests} requests ` +
      'one at a time, PostgreSQL transaction counters)',
    '',
    '| connections | rate | req/s | p50 ms | p95 ms | p99 ms | max ms | non-2xx | errors | CPU % server / pg+redis / other | p95 < 200 ms |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  for (const run of record.runs) {
    const { latencyMs: l, resources: r } = run;
    lines.push(
      `| ${run.connections} | ${run.rate ?? 'flat out'} | ${run.rps} | ${cell(l?.p50)} | ` +
        `${cell(l?.p95)} | ${cell(l?.p99)} | ${cell(l?.max)} | ${run.non2xx} | ` +
        `${run.errors + run.timeouts} | ${cell(r.serverCpuPercent)} / ${cell(r.servicesCpuPercent)} / ` +
        `${cell(r.otherCpuPercent)} | ${l && l.p95 < TARGET_P95_MS ? 'met' : 'not met'} |`,
    );
  }
  return lines.join('\n');
}

async function main(argv) {
  const options = parseDashboardOptions(argv);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const settings = { PUBLIC_URL: ISSUER, DATABASE_POOL_MAX: String(options.pool) };
  const { startedAt, background, secrets, database, env } = await preparePostgresRun(settings);
  const server = await startReady('server', env);

  console.error(`seeding ${options.members} members`);
  const seeded = await seedMembers(database.url, options.members, {
    accounts: ACCOUNTS_PER_MEMBER,
    sealEmail: await emailSealer(secrets),
  });
  const coopnames = Array.from({ length: COOPERATIVES }, (_, i) => `benchcoop${i + 1}`);
  const home = await seedDashboards(database.url, coopnames);
  const seed = { ...seeded.summary, dashboard: home };
  console.error(
    `seeded in ${seeded.summary.seconds} + ${home.seconds} s: ${JSON.stringify(home.rows)}`,
  );
  checkInterrupted();

  const runs = options.rate ? 2 : 1;
  const lifetimeSeconds = runs * (options.duration + WARMUP_SECONDS + 15) + 600;
  const minter = await createMinter(secrets.jwtPrivateKey, ISSUER);
  const pool = await requestPool(seeded.members, minter, lifetimeSeconds);
  await preflight(server, pool);
  const statements = await statementsPerRequest(
    database.url,
    (i) => get(server.url, pool[i % pool.length]),
    COUNTED_REQUESTS,
  );
  console.error(`${statements.perRequest} database statements per request`);
  checkInterrupted();

  const results = [];
  for (const rate of options.rate ? [null, options.rate] : [null]) {
    results.push(
      await runTarget({ target: server, endpoint: 'dashboard', route: ROUTE, pool, rate, options }),
    );
  }
  await sleep(SETTLE_MS);
  checkInterrupted();
  server.metrics = await scrapeMetrics(server);
  server.stop = await stopServer(server.process);

  const record = {
    benchmark: 'dashboard',
    command: `node bench/dashboard.js ${argv.join(' ')}`.trim(),
    startedAt: startedAt.toISOString(),
    options: { ...options, warmupSeconds: WARMUP_SECONDS },
    machine: { ...machineInfo(), backgroundCpuPercent: background },
    git: gitInfo(),
    server: postgresServerRecord(server, database, settings),
    seed,
    statements,
    targetP95Ms: TARGET_P95_MS,
    runs: results,
  };
  const file = writeResults(record, 'dashboard');
  console.log(markdown(record));
  console.error(`\nresults written to ${path.relative(ROOT, file)}`);
  const failed = results.some((run) => run.non2xx > 0 || run.errors > 0 || run.timeouts > 0);
  return failed || server.stop?.exitCode !== 0 ? 1 : 0;
}

await runBench(main, USAGE);
