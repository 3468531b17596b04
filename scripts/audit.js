// `npm audit --omit=dev`: high or critical findings fail the test chain. When the advisory
// service cannot be asked (no internet, or a registry mirror that answers 405), it says so and
// passes on: the audit was NOT CHECKED, which is not the same as clean.
import { spawnSync } from 'node:child_process';
import { auditVerdict } from './audit-verdict.js';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
const verdict = auditVerdict(run.stdout ?? '');

switch (verdict.status) {
  case 'clean':
    console.log(`npm audit: no high or critical findings (${JSON.stringify(verdict.counts)})`);
    break;
  case 'vulnerable':
    console.error('npm audit: high or critical findings in production dependencies:');
    for (const finding of verdict.findings)
      console.error(
        `  ${finding.severity} ${finding.name} ${finding.range} ${finding.advisories.join(' ')}`,
      );
    process.exit(1);
    break;
  case 'unchecked':
    console.warn(`npm audit: advisory service unreachable (${verdict.reason}): NOT CHECKED`);
    break;
  case 'failed':
    console.error(`npm audit: ${verdict.reason}`);
    console.error(run.stderr);
    process.exit(1);
}
