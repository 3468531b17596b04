import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

/** The widget is loaded by cooperatives' pages on every visit: it stays tiny. */
const BUDGET_BYTES = 5 * 1024;
const OUT_DIR = 'dist';
const FILE = 'widget.js';

/** Prints the gzipped size of /widget.js and fails the build above the budget. */
function sizeBudget(): Plugin {
  return {
    name: 'widget-size-budget',
    writeBundle() {
      const bytes = readFileSync(path.resolve(OUT_DIR, FILE));
      const gzipped = gzipSync(bytes, { level: 9 }).length;
      const line = `${FILE}: ${bytes.length} B, ${gzipped} B gzipped (budget ${BUDGET_BYTES} B)`;
      if (gzipped > BUDGET_BYTES) throw new Error(`${line}: over budget`);
      console.log(line);
    },
  };
}

// `/widget.js`, next to the app in dist/ (the server serves it from there, not hashed): one
// IIFE that sets `window.CardCoop`. Runs after the app's build, which empties dist/ first.
export default defineConfig({
  publicDir: false,
  plugins: [sizeBudget()],
  build: {
    outDir: OUT_DIR,
    emptyOutDir: false,
    copyPublicDir: false,
    target: 'es2022',
    lib: {
      entry: 'widget/widget.ts',
      name: 'CardCoop',
      formats: ['iife'],
      fileName: () => FILE,
    },
  },
});
