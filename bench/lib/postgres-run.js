// The start of a run against the server in postgres mode (vault.js, dashboard.js): the checks of
// beforeRun, a new database and secrets, then the server, ready, in the session.
import { createDatabase } from './database.js';
import { beforeRun } from './entry.js';
import { generateServerSecrets } from './secrets.js';
import { serverEnv } from './server-env.js';
import { startServer, waitForReady } from './server.js';
import { localServices } from './services.js';
import { session } from './session.js';

/**
 * beforeRun, then the server's secrets and a new database (in the session, dropped on the way
 * out); `env` is the postgres-mode environment with the secrets and `settings` on top.
 */
export async function preparePostgresRun(settings) {
  const { startedAt, background, calibration } = await beforeRun();
  const { adminUrl, redisUrl } = localServices();
  const secrets = await generateServerSecrets();
  session.database = await createDatabase(adminUrl);
  const { database } = session;
  console.error(`created database ${database.name} (PostgreSQL ${database.version})`);
  const env = { ...serverEnv('postgres', database, redisUrl), ...secrets.env, ...settings };
  return { startedAt, background, calibration, secrets, database, env };
}

/**
 * Starts `entry` (the server's by default) as `name` ('server' or vault.js's 'baseline', kept in
 * the session to be stopped on the way out) and waits until it is ready.
 */
export async function startReady(name, env, entry) {
  const child = await startServer(env, entry);
  if (name === 'server') session.server = child;
  else session.baseline = child;
  const readyMs = await waitForReady(child);
  console.error(`${name} ready on ${child.url} in ${readyMs} ms`);
  return { name, url: child.url, pid: child.pid, process: child, logs: child.logs, readyMs };
}
