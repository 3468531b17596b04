import type { AuditData } from '../audit/audit-hash.js';
import type { PendingEvent } from '../audit/audit.repository.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AdminActor } from './admin-actor.js';

/**
 * The audit chain of platform-wide admin changes that concern no member (maintenance
 * announcements): a fixed subject, as the log has no foreign key.
 */
export const PLATFORM_AUDIT_SUBJECT = '00000000-0000-0000-0000-000000000000';

/** An admin action's audit event, naming who did it (`actor`: a user id or `automation`). */
export function adminEvent(
  audit: AuditService,
  subject: string,
  type: string,
  actor: AdminActor,
  data: AuditData,
  ip: string,
): PendingEvent {
  return audit.eventFor(subject, type, { ...data, actor }, ip);
}
