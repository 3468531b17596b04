import { adminAuditPageSchema, auditVerificationSchema } from '@cardcoop/contracts';
import type { AdminAuditPage, AdminAuditQuery, AuditVerification } from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { withQuery } from '../http.js';
import type { MemberSessionManager } from '../session/manager.js';

const AUDIT_PATH = '/api/v1/admin/audit';

/**
 * The whole audit log for platform admins, newest first (`next_cursor` pages on), and its
 * verification: every hash chain recomputed and the latest signed checkpoints checked.
 *
 * @example
 * ```ts
 * const { events, next_cursor } = await platform.audit.list({ type: 'account.locked' });
 * const { ok, first_broken_id } = await platform.audit.verify();
 * ```
 */
export interface PlatformAuditClient {
  list(query?: AdminAuditQuery): Promise<AdminAuditPage>;
  verify(): Promise<AuditVerification>;
}

export function createPlatformAuditClient(session: MemberSessionManager): PlatformAuditClient {
  return {
    list: async (query = {}) =>
      parseResponse(
        adminAuditPageSchema,
        await session.request(withQuery(AUDIT_PATH, query)),
        'audit log',
      ),
    verify: async () =>
      parseResponse(
        auditVerificationSchema,
        await session.request(`${AUDIT_PATH}/verify`, { method: 'POST' }),
        'audit verification',
      ),
  };
}
