// The vault benchmark: GET /api/v1/card/accounts and GET /api/v1/access/get-encrypted-data of the
// built server on PostgreSQL + Redis with --members seeded members (default 10,000), next to a
// bare Fastify + pg server that does the same token check and one indexed SELECT, in the same
// run; then the server's endpoints at a fixed rate against the product's target. Prints a
// markdown table and writes the results as JSON to bench/results/vault-<time>.json.
// See bench/README.md ("Vault benchmark") for what is measured and how.
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { runBench } from './lib/entry.js';
import { SetupError } from './lib/errors.js';
import { WARMUP_SECONDS } from './lib/load.js';
import { scrapeMetrics } from './lib/metrics.js';
import { preparePostgresRun, startReady } from './lib/postgres-run.js';
import { ROOT } from './lib/paths.js';
import { writeResults } from './lib/results.js';
import { emailSealer } from './lib/secrets.js';
import { seedMembers } from './lib/seed.js';
import { stopServer } from './lib/server.js';
import { checkInterrupted } from './lib/session.js';
import { COOP_TOKEN_SECONDS, createMinter } from './lib/tokens.js';
import { parseVaultOptions, USAGE } from './lib/vault-options.js';
import { runTarget } from './lib/vault-load.js';
import { buildVaultResults, vaultMarkdown } from './lib/vault-report.js';
import { preflight, requestPools } from './lib/vault-targets.js';

const BASELINE_ENTRY = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'lib',
  'baseline-server.js',
);
/** The server's PUBLIC_URL, so the issuer of the tokens minted here is known. */
const ISSUER = 'https://vault-bench.card.coop.invalid';
/** The server's default pool; the baseline gets the same. */
const POOL_MAX = '10';
const SETTLE_MS = 2000;
/** What the server gets besides run.js's postgres-mode environment and the secrets. */
const SERVER_SETTINGS = { PUBLIC_URL: ISSUER, DATABASE_POOL_MAX: POOL_MAX };

/** Server and baseline flat out, endpoint by endpoint, then the server at the fixed rate. */
function plan(options) {
  const flat = options.endpoints.flatMap((endpoint) => [
    { endpoint, target: 'server', rate: null },
    { endpoint, target: 'baseline', rate: null },
  ]);
  const fixed = options.rate
    ? options.endpoints.map((endpoint) => ({ endpoint, target: 'server', rate: options.rate }))
    : [];
  return [...flat, ...fixed];
}

function exitCodeOf(runs, stops) {
  const problems = runs.filter((run) => run.non2xx > 0 || run.errors > 0);
  for (const [name, stop] of Object.entries(stops)) {
    if (stop?.exitCode !== 0)
      console.error(`⚠ the ${name} exited with ${stop?.exitCode ?? stop?.signal}`);
  }
  if (problems.length) {
    console.error(
      `⚠ non-2xx responses or errors in: ${problems
        .map((run) => `${run.endpoint} on ${run.target}${run.rate ? ` at ${run.rate}/s` : ''}`)
        .join(', ')}`,
    );
    return 1;
  }
  return Object.values(stops).every((stop) => stop?.exitCode === 0) ? 0 : 1;
}

async function main(argv) {
  const options = parseVaultOptions(argv);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const { startedAt, background, secrets, database, env } =
    await preparePostgresRun(SERVER_SETTINGS);

  // The server migrates the new database on startup; the seed goes in once it is ready.
  const server = await startReady('server', env);
  console.error(`seeding ${options.members} members`);
  const seeded = await seedMembers(database.url, options.members, {
    sealEmail: await emailSealer(secrets),
  });
  console.error(
    `seeded in ${seeded.summary.seconds} s: ${seeded.summary.accounts} accounts, ` +
      `${seeded.summary.grants} grants`,
  );
  if (seeded.grants.length === 0 && options.endpoints.includes('encrypted-data')) {
    throw new SetupError('no member shared anything: seed more members');
  }
  checkInterrupted();

  // Tokens outlive the run (each run: a pause, the warm-up, the load and some slack).
  const runs = plan(options);
  const lifetimeSeconds = Math.max(
    COOP_TOKEN_SECONDS,
    runs.length * (options.duration + WARMUP_SECONDS + 15) + 300,
  );
  const minting = performance.now();
  const minter = await createMinter(secrets.jwtPrivateKey, ISSUER);
  const pools = await requestPools(seeded, minter, lifetimeSeconds);
  const tokens = {
    member: pools.accounts.length,
    coop: pools['encrypted-data'].length,
    lifetimeSeconds,
    mintSeconds: Math.round(performance.now() - minting) / 1000,
  };
  console.error(
    `minted ${tokens.member} member and ${tokens.coop} cooperative tokens in ${tokens.mintSeconds} s`,
  );
  checkInterrupted();

  const baseline = await startReady(
    'baseline',
    {
      PATH: process.env.PATH,
      // Whatever node options the server got from the shell (serverEnv passes them on).
      ...(process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {}),
      DATABASE_URL: database.url,
      DATABASE_POOL_MAX: POOL_MAX,
      BASELINE_JWT_JWK: JSON.stringify(minter.verification.jwk),
      BASELINE_JWT_ISSUER: minter.verification.issuer,
    },
    BASELINE_ENTRY,
  );
  const targets = { server, baseline };
  const warnings = await preflight([server, baseline], pools, options.endpoints);
  for (const warning of warnings) console.error(`⚠ ${warning}`);

  const results = [];
  for (const step of runs) {
    results.push(
      await runTarget({
        target: targets[step.target],
        endpoint: step.endpoint,
        pool: pools[step.endpoint],
        rate: step.rate,
        options,
      }),
    );
  }
  // autocannon stops without waiting for its last answers: let the servers finish them first, or
  // they fail at shutdown (the pool is closed under them) and show up in the log.
  await sleep(SETTLE_MS);
  checkInterrupted();
  server.metrics = await scrapeMetrics(server);
  [server.stop, baseline.stop] = await Promise.all([
    stopServer(server.process),
    stopServer(baseline.process),
  ]);

  const record = buildVaultResults({
    argv,
    options,
    startedAt,
    background,
    database,
    server,
    baseline,
    seed: seeded.summary,
    tokens,
    warnings,
    serverSettings: SERVER_SETTINGS,
    runs: results,
  });
  const file = writeResults(record, 'vault');
  console.log(vaultMarkdown(record));
  console.error(`\nresults written to ${path.relative(ROOT, file)}`);
  return exitCodeOf(results, { server: server.stop, 'baseline server': baseline.stop });
}

await runBench(main, USAGE);
