// Runs the whole Vitest suite with coverage, then prints one plain summary line
// ("tests: N passed, N failed, N skipped") that CI tools can read. Exits with Vitest's code.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const results = 'coverage/vitest-results.json';
const run = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--coverage',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${results}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);

if (existsSync(results)) {
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(
    readFileSync(results, 'utf8'),
  );
  console.log(
    `tests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped`,
  );
}
process.exit(run.status ?? 1);
