// Load benchmark of the built CARD.COOP server: spawns apps/server/dist/main.js on a free
// loopback port, drives it with autocannon, prints a markdown table and writes the results as
// JSON to bench/results/. See bench/README.md for the scenarios and how to read the figures.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { backgroundCpuPercent } from './lib/cpu.js';
import { createDatabase } from './lib/database.js';
import { Interrupted, SetupError, UsageError } from './lib/errors.js';
import { runScenarios } from './lib/load.js';
import { scrapeMetrics } from './lib/metrics.js';
import { parseOptions, USAGE } from './lib/options.js';
import { ROOT, SERVER_ENTRY } from './lib/paths.js';
import { markdownReport } from './lib/report.js';
import { buildResults, writeResults } from './lib/results.js';
import { serverEnv } from './lib/server-env.js';
import { startServer, stopServer, waitForReady } from './lib/server.js';
import { localServices } from './lib/services.js';
import { session } from './lib/session.js';
import { cleanup, handleSignals } from './lib/teardown.js';

/** Above this, the machine is too busy before the run for trustworthy figures: say so. */
const BUSY_BACKGROUND_CPU_PERCENT = 20;

/** 1 for any unexpected status, error or timeout, or a server that did not exit cleanly. */
function exitCodeOf(runs, stop) {
  const problems = runs.filter(
    (run) => run.errors > 0 || Object.keys(run.unexpectedStatuses).length > 0,
  );
  if (stop.exitCode !== 0)
    console.error(`⚠ the server exited with ${stop.exitCode ?? stop.signal}`);
  if (problems.length) {
    console.error(
      `⚠ unexpected statuses or errors in: ${problems.map((run) => run.scenario).join(', ')}`,
    );
    return 1;
  }
  return stop.exitCode === 0 ? 0 : 1;
}

async function main(argv) {
  const options = parseOptions(argv);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (!existsSync(SERVER_ENTRY)) {
    throw new SetupError(
      `${path.relative(ROOT, SERVER_ENTRY)} is missing: run npm run build first`,
    );
  }
  const startedAt = new Date();
  const background = await backgroundCpuPercent(1000);
  if (background !== null && background > BUSY_BACKGROUND_CPU_PERCENT) {
    console.error(
      `⚠ other processes keep ${background}% of a core busy: the figures will be lower and ` +
        'noisier than on a quiet machine',
    );
  }
  let redisUrl;
  if (options.mode === 'postgres') {
    const services = localServices();
    redisUrl = services.redisUrl;
    session.database = await createDatabase(services.adminUrl);
    const { name, version } = session.database;
    console.error(`created database ${name} (PostgreSQL ${version})`);
  }

  const server = await startServer(serverEnv(options.mode, session.database, redisUrl));
  session.server = server;
  const readyMs = await waitForReady(server);
  console.error(`server ready on ${server.url} in ${readyMs} ms (${options.mode})`);

  const runs = await runScenarios(server, options);
  const metrics = await scrapeMetrics(server);
  session.sampler.stop();
  const stop = await stopServer(server);

  const { database } = session;
  const results = buildResults({
    argv,
    options,
    startedAt,
    background,
    database,
    server,
    readyMs,
    stop,
    metrics,
    runs,
  });
  const file = writeResults(results);
  console.log(markdownReport(results));
  console.error(`\nresults written to ${path.relative(ROOT, file)}`);
  return exitCodeOf(runs, stop);
}

handleSignals();
let exitCode = 1;
try {
  exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof Interrupted) exitCode = 130;
  else if (error instanceof UsageError) {
    console.error(`bench: ${error.message}\n\n${USAGE}`);
    exitCode = 2;
  } else if (error instanceof SetupError) console.error(`bench: ${error.message}`);
  else console.error(`bench failed: ${error.stack ?? error.message}`);
} finally {
  await cleanup();
}
process.exit(exitCode);
