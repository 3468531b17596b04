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

const resolve = { conditions: ['source', 'module', 'import', 'default'] };

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        oxc: false,
        plugins: [nestTransform],
        test: {
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
        test: { name: 'packages', include: ['packages/*/src/**/*.spec.ts'], environment: 'node' },
      },
    ],
    coverage: {
      provider: 'v8',
      include: [
        'apps/server/src/**/*.ts',
        'packages/sdk/src/**/*.ts',
        'packages/contracts/src/**/*.ts',
      ],
      exclude: [
        '**/*.spec.ts',
        'apps/server/src/db/migrations/**',
        'apps/server/src/main.ts',
        'apps/server/src/secrets-cli.ts',
        'packages/sdk/src/testing/**',
      ],
      reporter: ['text-summary', 'json-summary'],
      thresholds: { lines: 80 },
    },
  },
});
