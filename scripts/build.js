// `npm run build`: every workspace in dependency order, then a stamp as old as the build's start
// (a source saved during the build stays newer), which `npm start` compares with the sources.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUILD_STAMP = path.join(root, 'node_modules', '.cache', 'cardcoop-build', 'stamp');
const at = (...parts) => path.join(root, ...parts);
const OUTPUTS = [at('apps/server/dist/main.js'), at('apps/web/dist/index.html')];
const SOURCES = [
  'package-lock.json',
  'tsconfig.base.json',
  'packages/contracts/src',
  'packages/contracts/package.json',
  'packages/sdk/src',
  'packages/sdk/scripts',
  'packages/sdk/package.json',
  'apps/aifory-sandbox/src',
  'apps/aifory-sandbox/package.json',
  'apps/server/src',
  'apps/server/package.json',
  'apps/web/src',
  'apps/web/public',
  'apps/web/widget',
  'apps/web/index.html',
  'apps/web/package.json',
  'apps/web/vite.config.ts',
  'apps/web/vite.widget.config.ts',
  'apps/web/scripts',
];

function newest(file) {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(file).map((name) => newest(path.join(file, name))));
}

/** Whether the build exists and is newer than every source it is made from. */
export function fresh() {
  if (!OUTPUTS.every(existsSync) || !existsSync(BUILD_STAMP)) return false;
  return statSync(BUILD_STAMP).mtimeMs >= Math.max(...SOURCES.map((source) => newest(at(source))));
}

const WORKSPACES = [
  '@cardcoop/contracts',
  '@cardcoop/sdk',
  '@cardcoop/aifory-sandbox',
  '@cardcoop/server',
  '@cardcoop/web',
];

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
