export type Severity = 'info' | 'low' | 'moderate' | 'high' | 'critical';

export interface AuditFinding {
  name: string;
  severity: Severity;
  range: string;
  advisories: string[];
}

export type AuditVerdict =
  | { status: 'clean'; counts: Partial<Record<Severity | 'total', number>> }
  | {
      status: 'vulnerable';
      counts: Partial<Record<Severity | 'total', number>>;
      findings: AuditFinding[];
    }
  | { status: 'unchecked'; reason: string }
  | { status: 'failed'; reason: string };

export function auditVerdict(output: string): AuditVerdict;
