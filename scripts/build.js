// `npm run build`: every workspace in dependency order, then a stamp as old as the build's start
// (a source saved during the build stays newer), which `npm start` compares with the sources.
import { spawnSync } from 'node:child_process';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUILD_STAMP = path.join(root, 'node_modules', '.cache', 'cardcoop-build', 'stamp');
const WORKSPACES = ['@cardcoop/contracts', '@cardcoop/sdk', '@cardcoop/server', '@cardcoop/web'];

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  const built = spawnSync('npm', ['run', 'build', ...WORKSPACES.flatMap((w) => ['-w', w])], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
  mkdirSync(path.dirname(BUILD_STAMP), { recursive: true });
  writeFileSync(BUILD_STAMP, `${new Date(started).toISOString()}\n`);
  utimesSync(BUILD_STAMP, started / 1000, started / 1000);
}
