// Every way out of a run stops the load and the server and drops the database: success, error or
// Ctrl-C. A second Ctrl-C gives up on a clean stop; server.js still SIGKILLs the server on exit.
import { dropDatabase } from './database.js';
import { hasExited, stopServer } from './server.js';
import { session } from './session.js';

let cleanedUp = false;

/** Safe to call twice: the second call does nothing. */
export async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  const { cannon, sampler, server, baseline, database } = session;
  cannon?.stop();
  sampler?.stop();
  await Promise.all([stopServer(server), stopServer(baseline)]);
  for (const [name, child] of [
    ['the server', server?.child],
    ['the baseline server', baseline?.child],
  ]) {
    if (child && !hasExited(child)) console.error(`could not stop ${name} (pid ${child.pid})`);
  }
  if (database) {
    try {
      await dropDatabase(database);
    } catch (error) {
      console.error(`could not drop database ${database.name}: ${error.message}`);
    }
  }
}

/** The first SIGINT or SIGTERM stops the load, and the run ends at its next step. */
export function handleSignals() {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (session.interrupted) process.exit(130);
      session.interrupted = true;
      console.error(`\n${signal}: stopping the load and the server…`);
      session.cannon?.stop();
    });
  }
}
