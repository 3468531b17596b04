// After `vite build`: Subresource Integrity for every chunk, a hash manifest of the bundle, and
// the size report of the first loads against the performance budget (issue 5, protocol.md).
//
// - Every JS chunk gets an `integrity` entry in an import map placed first in index.html, so the
//   browser checks lazily imported chunks too; the entry script and stylesheets get `integrity`
//   attributes. The import map is an inline script: its SHA-256 goes to dist/csp-hashes.json and
//   the server allows exactly that script (CSP `script-src 'sha256-…'`), nothing else inline.
// - dist/bundle-manifest.json lists the SHA-384 of every file the server serves; publish it with
//   each release so anyone can check what their browser ran.
// - dist/bundle-report.json and stdout: gzipped JavaScript of the first load of the app shell,
//   the id area and the embed entry (Russian, the default language: another language's messages
//   are fetched on top). The build fails when the id area or the embed is over budget, or when
//   the embed, which has no header or navigation, is not smaller than the id area.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist =
  process.env.WEB_DIST ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const BUDGET_KB = { id: 250, embed: 250 };

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const read = (file) => readFileSync(path.join(dist, file));

function files(dir = dist, prefix = '') {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const relative = prefix ? `${prefix}/${name}` : name;
    if (statSync(full).isDirectory()) return name === '.vite' ? [] : files(full, relative);
    return [relative];
  });
}

/** The chunks a page loads before it can run: the entry's static imports, transitively. */
function closure(manifest, keys) {
  const seen = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return [...seen].filter((file) => file.endsWith('.js'));
}

function gzipKb(list) {
  return (
    Math.round(
      list.reduce((sum, file) => sum + gzipSync(read(file), { level: 9 }).length, 0) / 102.4,
    ) / 10
  );
}

const manifest = JSON.parse(read('.vite/manifest.json'));
const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const areaKey = (name) => {
  const key = Object.keys(manifest).find((candidate) => candidate.endsWith(name));
  if (!key) throw new Error(`${name} is not in the build manifest: the size report would be wrong`);
  return key;
};

// 1. The import map with integrity for every chunk, and attributes on the static tags.
let html = read('index.html').toString();
if (html.includes('type="importmap"')) throw new Error('index.html already processed');
const scripts = files().filter((file) => file.startsWith('assets/') && file.endsWith('.js'));
const importMap = JSON.stringify({
  imports: {},
  integrity: Object.fromEntries(scripts.map((file) => [`/${file}`, sri(read(file))])),
});
html = html.replace(
  /<(script|link)\b([^>]*?)\s(src|href)="\/(assets\/[^"]+\.(?:js|css))"([^>]*)>/g,
  (tag, name, before, attribute, file, after) =>
    `<${name}${before} ${attribute}="/${file}" integrity="${sri(read(file))}"${after}>`,
);
html = html.replace('<head>', `<head>\n    <script type="importmap">${importMap}</script>`);
writeFileSync(path.join(dist, 'index.html'), html);
const importMapHash = `sha256-${createHash('sha256').update(importMap).digest('base64')}`;
writeFileSync(
  path.join(dist, 'csp-hashes.json'),
  `${JSON.stringify({ scriptSrc: [importMapHash] })}\n`,
);

// 2. The hash manifest of everything served.
const served = files().filter((file) => file !== 'bundle-manifest.json');
writeFileSync(
  path.join(dist, 'bundle-manifest.json'),
  `${JSON.stringify(
    {
      algorithm: 'sha384',
      files: Object.fromEntries(served.map((file) => [file, sri(read(file))])),
    },
    null,
    2,
  )}\n`,
);

// 3. First-load sizes against the budget. Every page but the embed renders inside the app's
// layout, a lazy chunk fetched at start beside the page's own.
const layout = areaKey('src/app/app-layout.tsx');
const report = {
  shell: gzipKb(closure(manifest, [entry, layout, areaKey('src/app/home-page.tsx')])),
  id: gzipKb(closure(manifest, [entry, layout, areaKey('areas/id/id-area.tsx')])),
  embed: gzipKb(closure(manifest, [entry, areaKey('areas/id/embed-entry.tsx')])),
};
writeFileSync(path.join(dist, 'bundle-report.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log('First load, gzipped JavaScript (budget: id and embed ≤ 250 KB, embed < id):');
const failures = [];
for (const [name, kb] of Object.entries(report)) {
  const budget = BUDGET_KB[name];
  if (budget && kb > budget) failures.push(`${name} is over ${budget} KB`);
  console.log(
    `  ${name.padEnd(6)} ${String(kb).padStart(6)} KB${budget ? (kb <= budget ? '  ok' : `  OVER ${budget} KB`) : ''}`,
  );
}
if (report.embed >= report.id) failures.push('the embed is not smaller than the id area');
if (failures.length > 0) {
  console.error(`Over the performance budget (issue 5): ${failures.join('; ')}.`);
  // `npm start` builds with BUNDLE_BUDGET=report: an oversized bundle still runs; tests fail.
  if (process.env.BUNDLE_BUDGET !== 'report') process.exitCode = 1;
}
