import { contentDigest } from './audit-hash.js';
import type { AuditData } from './audit-hash.js';

/** The parameters of an event for `audit_append`: the time is taken and the digest computed here. */
export interface AuditDraft {
  auditType: string;
  auditAt: string;
  auditData: string;
  auditDigest: string;
}

export function draftEvent(type: string, data: AuditData = {}): AuditDraft {
  const at = new Date();
  return {
    auditType: type,
    auditAt: at.toISOString(),
    auditData: JSON.stringify(data),
    auditDigest: contentDigest({ type, at, data }),
  };
}
