// `npm start`: builds what is missing or older than its sources (one builder at a time when
// several nodes start from one checkout), then runs the server in this very process, so the
// signals npm forwards reach it: SIGTERM drains and exits 0. Multi-node deployments run
// `node apps/server/dist/main.js` directly, after one `npm run build`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILD_STAMP as STAMP, fresh, root } from './build.js';

const LOCK = path.join(path.dirname(STAMP), 'lock');
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

/** The build lock: a folder made atomically, with the builder's pid; a dead builder's is taken. */
function tryLock() {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  try {
    mkdirSync(LOCK);
    writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
    return true;
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
    const holder = Number(readFileSync(path.join(LOCK, 'pid'), 'utf8') || 0);
    if (holder && alive(holder)) return false;
    rmSync(LOCK, { recursive: true, force: true });
    return tryLock();
  }
}

async function buildIfStale() {
  while (!fresh()) {
    if (!tryLock()) {
      console.log('Another process is building CARD.COOP; waiting for it…');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    try {
      if (fresh()) return;
      console.log('Building CARD.COOP (sources changed or no build yet)…');
      const built = spawnSync('npm', ['run', 'build'], {
        cwd: root,
        stdio: 'inherit',
        // A production bundle whatever NODE_ENV says; the size budget is enforced by the tests,
        // not here (an oversized bundle still runs).
        env: { ...process.env, NODE_ENV: 'production', BUNDLE_BUDGET: 'report' },
      });
      if (built.status !== 0) process.exit(built.status ?? 1);
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

await buildIfStale();
await import(pathToFileURL(path.join(root, 'apps/server/dist/main.js')).href);
