// tsc emits only what it compiles, so the precompiled validators (plain JS with a declaration
// file next to it) are copied from src/ to dist/ after `tsc -b`.
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const dist = join(root, 'dist');

for (const entry of await readdir(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.generated\.(js|d\.ts)$/.test(entry.name)) continue;
  const from = join(entry.parentPath, entry.name);
  const to = join(dist, relative(src, from));
  await mkdir(dirname(to), { recursive: true });
  await copyFile(from, to);
}
