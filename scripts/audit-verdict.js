// The decision of scripts/audit.js, kept pure so it can be tested: what `npm audit --json`
// printed (npm 11: `metadata.vulnerabilities` counts and a `vulnerabilities` map by package),
// turned into pass, fail or "not checked".

const BLOCKING = ['high', 'critical'];
const UNREACHABLE =
  /request to \S+ failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH/;

/**
 * @param {string} output what `npm audit --omit=dev --json` wrote to stdout
 * @returns {import('./audit-verdict.d.ts').AuditVerdict}
 */
export function auditVerdict(output) {
  let report;
  try {
    report = JSON.parse(output);
  } catch {
    return { status: 'failed', reason: 'npm audit printed no JSON report' };
  }
  const counts = report?.metadata?.vulnerabilities;
  if (counts && typeof counts === 'object') {
    const findings = Object.values(report.vulnerabilities ?? {})
      .filter((entry) => BLOCKING.includes(entry.severity))
      .map((entry) => ({
        name: entry.name,
        severity: entry.severity,
        range: entry.range ?? '',
        advisories: (entry.via ?? [])
          .filter((via) => typeof via === 'object' && via !== null)
          .map((via) => via.url ?? via.title ?? ''),
      }));
    const blocking = BLOCKING.reduce((sum, level) => sum + (Number(counts[level]) || 0), 0);
    if (blocking > 0) return { status: 'vulnerable', counts, findings };
    return { status: 'clean', counts };
  }
  // The advisory service refused or could not be reached: npm reports the HTTP status (405 here,
  // where only the registry's package metadata is served) or the network error. Any other error
  // (no lockfile, say) is a failure, not an unreachable service.
  const reason = report?.message || report?.error?.summary || report?.error?.code || '';
  if (Number.isInteger(report?.statusCode) || UNREACHABLE.test(reason))
    return { status: 'unchecked', reason: String(reason || `HTTP ${report.statusCode}`) };
  return { status: 'failed', reason: `npm audit failed: ${reason || 'no counts in its report'}` };
}
