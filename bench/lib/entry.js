// What run.js and vault.js do around their measurements: check the build and the machine
// before, and turn how the run ended into an exit code after, cleaning up either way.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { backgroundCpuPercent } from './cpu.js';
import { Interrupted, SetupError, UsageError } from './errors.js';
import { ROOT, SERVER_ENTRY } from './paths.js';
import { cleanup, handleSignals } from './teardown.js';

/** Above this, the machine is too busy before the run for trustworthy figures: say so. */
const BUSY_BACKGROUND_CPU_PERCENT = 20;

/**
 * Refuses to run without a server build; returns the start time and the share of a core other
 * processes kept busy just before (null where /proc is not readable), warning when it is high.
 */
export async function beforeRun() {
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
  return { startedAt, background };
}

/**
 * Runs `main(argv)` and exits with its code: 130 when interrupted, 2 for a usage error (with
 * `usage`), 1 for any other failure; the load, the servers and the database are cleaned up first.
 */
export async function runBench(main, usage) {
  handleSignals();
  let exitCode = 1;
  try {
    exitCode = await main(process.argv.slice(2));
  } catch (error) {
    if (error instanceof Interrupted) exitCode = 130;
    else if (error instanceof UsageError) {
      console.error(`bench: ${error.message}\n\n${usage}`);
      exitCode = 2;
    } else if (error instanceof SetupError) console.error(`bench: ${error.message}`);
    else console.error(`bench failed: ${error.stack ?? error.message}`);
  } finally {
    await cleanup();
  }
  process.exit(exitCode);
}
