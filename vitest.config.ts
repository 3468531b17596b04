import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// Nest needs legacy decorators with emitted type metadata, which only SWC produces here.
const nestTransform = swc.vite({
  jsc: {
    target: 'es2023',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
  },
  module: { type: 'es6' },
});

// Workspace packages are tested from their TypeScript sources (the `source` export condition),
// inlined rather than externalized, so a test and the code under test share one module graph.
const resolve = { conditions: ['source', 'module', 'import', 'default'] };
const ssr = { resolve: { conditions: ['source'] } };
const inlineWorkspace = { deps: { inline: [/@cardcoop\//] } };

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        ssr,
        oxc: false,
        plugins: [nestTransform],
        test: {
          server: inlineWorkspace,
          name: 'server',
          root: 'apps/server',
          include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve,
        ssr,
        oxc: false,
        // The SDK's specs run against the real server in-process (startTestApp), which needs it.
        plugins: [nestTransform],
        test: {
          server: inlineWorkspace,
          name: 'packages',
          include: ['packages/*/src/**/*.spec.ts', 'apps/aifory-sandbox/src/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve,
        ssr,
        test: {
          server: inlineWorkspace,
          // Chromium against the built server and web app (`npm run build` first): apps/web/test.
          name: 'browser',
          include: ['apps/web/test/**/*.spec.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
    coverage: {
      provider: 'v8',
      include: [
        'apps/server/src/**/*.ts',
        'packages/sdk/src/**/*.ts',
        'packages/contracts/src/**/*.ts',
        'apps/aifory-sandbox/src/**/*.ts',
      ],
      exclude: [
        '**/*.spec.ts',
        'apps/server/src/db/migrations/**',
        'apps/server/src/main.ts',
        'apps/server/src/secrets-cli.ts',
        'apps/server/src/coop-cli.ts',
        'packages/sdk/src/testing/**',
      ],
      reporter: ['text-summary', 'json-summary'],
      thresholds: { lines: 80 },
    },
  },
});
