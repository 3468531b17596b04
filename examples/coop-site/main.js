// @ts-check
// Runs the example site from the environment: `npm run example:coop-site` at the repo root.
import { configFromEnv, createCoopSite } from './index.js';

const say = (/** @type {string} */ line) => process.stdout.write(`${line}\n`);

try {
  const site = await createCoopSite({ ...configFromEnv(process.env), log: say });
  say(`${site.coop.displayName} (${site.coop.coopname}) is ready on ${site.url}`);
  say(`  data key ${site.coop.kid}, fingerprint ${site.coop.fingerprint}`);
  say(`  callback registered in card.coop: ${site.coop.callback}`);
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, () => {
      void site.close().then(() => process.exit(0));
    });
  }
} catch (error) {
  process.stderr.write(
    `coop-site could not start: ${error instanceof Error ? error.message : error}\n`,
  );
  if (error instanceof Error && error.cause instanceof Error) {
    process.stderr.write(`  cause: ${error.cause.message}\n`);
  }
  process.exitCode = 1;
}
