// What run.js and vault.js do around their measurements: check the build and the machine
// before, and turn how the run ended into an exit code after, cleaning up either way.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { backgroundCpuPercent } from './cpu.js';
import { Interrupted, SetupError, UsageError } from './errors.js';
import { ROOT, SERVER_ENTRY } from './paths.js';
import { cleanup, handleSignals } from './teardown.js';

/** Above this, the machine is too busy before the run for trustworthy figures: say so. */
const BUSY_BACKGROUND_CPU_PERCENT = 20;

/**
 * Milliseconds one core takes for a fixed piece of work (hashing and integer arithmetic, ~0.5 s
 * on the 2026-12 machines): the host's speed at the time of a run, so that figures of runs on
 * different days (a virtual machine's host is shared) can be told apart from changes of the code.
 */
export function calibrationMs() {
  const started = performance.now();
  let digest = Buffer.alloc(64);
  for (let i = 0; i < 300_000; i += 1) digest = createHash('sha256').update(digest).digest();
  let mixed = 0;
  for (let i = 0; i < 30_000_000; i += 1) mixed = (mixed * 31 + i) | 0;
  return Math.round(performance.now() - started + (mixed & 0));
}

/**
 * Refuses to run without a server build; returns the start time, the share of a core other
 * processes kept busy just before (null where /proc is not readable), warning when it is high,
 * and the host's speed (`calibrationMs`).
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
  return { startedAt, background, calibration: calibrationMs() };
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
