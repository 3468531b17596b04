import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** A second process on a DATA_DIR that another one is using; the message names both. */
export class DataDirLockedError extends Error {}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes the embedded database folder for this process alone: two processes on one PGlite
 * folder corrupt it silently. The lock is a file created exclusively, holding the pid; a lock
 * left by a process that no longer runs (killed) is taken over. Returns its release.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'cardcoop.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
      throw new DataDirLockedError(
        `DATA_DIR ${path.resolve(dataDir)} is in use by another CARD.COOP process (pid ${holder}). ` +
          'Stop it, or give this process a DATA_DIR of its own (or a DATABASE_URL).',
      );
    }
    // Stale: its process is gone (or it is our own pid, reused after a crash).
    rmSync(file, { force: true });
  }
  throw new DataDirLockedError(`DATA_DIR ${path.resolve(dataDir)}: could not take its lock`);
}
