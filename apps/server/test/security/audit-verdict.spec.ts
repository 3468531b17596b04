import { describe, expect, it } from 'vitest';
import { auditVerdict } from '../../../../scripts/audit-verdict.js';

// Reports in the shape npm 11 prints with `npm audit --json`.
const counts = (high: number, critical: number, moderate = 0) => ({
  info: 0,
  low: 0,
  moderate,
  high,
  critical,
  total: moderate + high + critical,
});

const report = (vulnerabilities: Record<string, unknown>, tally: ReturnType<typeof counts>) =>
  JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities,
    metadata: { vulnerabilities: tally, dependencies: { prod: 120, dev: 0, total: 120 } },
  });

const entry = (name: string, severity: string, via: unknown[]) => ({
  name,
  severity,
  isDirect: false,
  via,
  effects: [],
  range: '<1.2.3',
  nodes: [`node_modules/${name}`],
  fixAvailable: true,
});

describe('npm audit verdict', () => {
  it('passes a report without high or critical findings, moderate ones included', () => {
    const moderate = entry('left-pad', 'moderate', [{ title: 'slow', url: 'https://x/1' }]);
    expect(auditVerdict(report({ 'left-pad': moderate }, counts(0, 0, 1)))).toEqual({
      status: 'clean',
      counts: counts(0, 0, 1),
    });
  });

  it('fails on high and critical findings and lists them with their advisories', () => {
    const verdict = auditVerdict(
      report(
        {
          'left-pad': entry('left-pad', 'moderate', []),
          tar: entry('tar', 'high', [{ title: 'path traversal', url: 'https://ghsa/tar' }]),
          // A package that is vulnerable through another one names it, not an advisory.
          pack: entry('pack', 'critical', ['tar', { title: 'rce', url: 'https://ghsa/pack' }]),
        },
        counts(1, 1, 1),
      ),
    );
    expect(verdict).toEqual({
      status: 'vulnerable',
      counts: counts(1, 1, 1),
      findings: [
        { name: 'tar', severity: 'high', range: '<1.2.3', advisories: ['https://ghsa/tar'] },
        { name: 'pack', severity: 'critical', range: '<1.2.3', advisories: ['https://ghsa/pack'] },
      ],
    });
  });

  it('goes by the counts even when the per-package map is missing', () => {
    expect(auditVerdict(JSON.stringify({ metadata: { vulnerabilities: counts(0, 2) } }))).toEqual({
      status: 'vulnerable',
      counts: counts(0, 2),
      findings: [],
    });
  });

  it('says NOT CHECKED, not clean, when the advisory service refuses or cannot be reached', () => {
    const refused = {
      message:
        '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      statusCode: 405,
      error: { summary: '', detail: '' },
    };
    expect(auditVerdict(JSON.stringify(refused))).toEqual({
      status: 'unchecked',
      reason: refused.message,
    });
    const offline = {
      message:
        'request to http://registry.invalid/-/npm/v1/security/advisories/bulk failed, reason: getaddrinfo ENOTFOUND registry.invalid',
      error: { summary: '', detail: '' },
    };
    expect(auditVerdict(JSON.stringify(offline))).toMatchObject({ status: 'unchecked' });
    expect(auditVerdict(JSON.stringify({ error: { code: 'ECONNREFUSED', summary: '' } }))).toEqual({
      status: 'unchecked',
      reason: 'ECONNREFUSED',
    });
  });

  it('fails on any other error and on output that is not a report', () => {
    const noLockfile = { error: { code: 'ENOLOCK', summary: 'This command requires a lockfile' } };
    expect(auditVerdict(JSON.stringify(noLockfile))).toEqual({
      status: 'failed',
      reason: 'npm audit failed: This command requires a lockfile',
    });
    expect(auditVerdict('')).toMatchObject({ status: 'failed' });
    expect(auditVerdict('{}')).toMatchObject({ status: 'failed' });
  });
});
