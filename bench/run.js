// Load benchmark of the built CARD.COOP server: spawns apps/server/dist/main.js on a free
// loopback port, drives it with autocannon, prints a markdown table and writes the results as
// JSON to bench/results/. See bench/README.md for the scenarios and how to read the figures.
import path from 'node:path';
import { createDatabase } from './lib/database.js';
import { beforeRun, runBench } from './lib/entry.js';
import { runScenarios } from './lib/load.js';
import { scrapeMetrics } from './lib/metrics.js';
import { parseOptions, USAGE } from './lib/options.js';
import { ROOT } from './lib/paths.js';
import { markdownReport } from './lib/report.js';
import { buildResults, writeResults } from './lib/results.js';
import { serverEnv } from './lib/server-env.js';
import { generateServerSecrets } from './lib/secrets.js';
import { startServer, stopServer, waitForReady } from './lib/server.js';
import { localServices } from './lib/services.js';
import { session } from './lib/session.js';

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
  const { startedAt, background } = await beforeRun();
  let redisUrl;
  if (options.mode === 'postgres') {
    const services = localServices();
    redisUrl = services.redisUrl;
    session.database = await createDatabase(services.adminUrl);
    const { name, version } = session.database;
    console.error(`created database ${name} (PostgreSQL ${version})`);
  }

  // A node on PostgreSQL is given its keys, as in production (it refuses to generate them).
  const secrets = options.mode === 'postgres' ? (await generateServerSecrets()).env : {};
  const server = await startServer({
    ...serverEnv(options.mode, session.database, redisUrl),
    ...secrets,
  });
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

await runBench(main, USAGE);
