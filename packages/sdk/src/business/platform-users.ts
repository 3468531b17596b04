import {
  adminAuditPageSchema,
  adminUserSchema,
  deletionCompletedSchema,
  endedSessionsSchema,
  memberExportSchema,
  pendingDeletionListSchema,
} from '@cardcoop/contracts';
import type {
  AdminAuditPage,
  AdminAuditQuery,
  AdminUser,
  DeletionCompleted,
  MemberExport,
  PendingDeletionList,
} from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { withQuery } from '../http.js';
import type { MemberSessionManager } from '../session/manager.js';

const USERS_PATH = '/api/v1/admin/users';
const DELETIONS_PATH = '/api/v1/admin/deletions';

/**
 * Members, for platform admins: found by their exact e-mail only (the server matches its HMAC
 * lookup; there is no listing), locked, unlocked, signed out everywhere, their audit events,
 * the export of their server-side records (step-up) and pending deletion requests (carrying
 * one out now needs step-up too).
 *
 * @example
 * ```ts
 * const user = await platform.users.find('ivan@example.org');
 * await platform.users.lock(user.user_id, 'fraud report #17');
 * const { events } = await platform.users.audit(user.user_id, { type: 'login.succeeded' });
 * ```
 */
export interface PlatformUsersClient {
  /** The member with exactly this e-mail; `NOT_FOUND` when none. */
  find(email: string): Promise<AdminUser>;
  get(userId: string): Promise<AdminUser>;
  /** Ends every session and refuses sign-in until unlocked (`CONFLICT` when already locked). */
  lock(userId: string, reason: string): Promise<AdminUser>;
  unlock(userId: string): Promise<AdminUser>;
  /** Ends every session of the member; how many. */
  endSessions(userId: string): Promise<number>;
  audit(userId: string, query?: AdminAuditQuery): Promise<AdminAuditPage>;
  /** The member's server-side records, metadata only (a GDPR / 152-ФЗ request). */
  export(userId: string): Promise<MemberExport>;
  pendingDeletions(): Promise<PendingDeletionList>;
  /** Deletes an account whose deletion is pending now, instead of after its 72 hours. */
  completeDeletion(userId: string): Promise<DeletionCompleted>;
}

export function createPlatformUsersClient(session: MemberSessionManager): PlatformUsersClient {
  const userPath = (userId: string, rest = '') =>
    `${USERS_PATH}/${encodeURIComponent(userId)}${rest}`;
  const user = async (path: string, method: 'GET' | 'POST' = 'GET', body?: unknown) =>
    parseResponse(
      adminUserSchema,
      await session.request(path, { method, ...(body === undefined ? {} : { body }) }),
      'admin user',
    );
  return {
    find: (email) => user(withQuery(USERS_PATH, { email })),
    get: (userId) => user(userPath(userId)),
    lock: (userId, reason) => user(userPath(userId, '/lock'), 'POST', { reason }),
    unlock: (userId) => user(userPath(userId, '/unlock'), 'POST'),
    endSessions: async (userId) =>
      parseResponse(
        endedSessionsSchema,
        await session.request(userPath(userId, '/end-sessions'), { method: 'POST' }),
        'end sessions',
      ).ended,
    audit: async (userId, query = {}) =>
      parseResponse(
        adminAuditPageSchema,
        await session.request(withQuery(userPath(userId, '/audit'), query)),
        'member audit',
      ),
    export: async (userId) =>
      parseResponse(
        memberExportSchema,
        await session.request(userPath(userId, '/export')),
        'member export',
      ),
    pendingDeletions: async () =>
      parseResponse(
        pendingDeletionListSchema,
        await session.request(DELETIONS_PATH),
        'pending deletions',
      ),
    completeDeletion: async (userId) =>
      parseResponse(
        deletionCompletedSchema,
        await session.request(`${DELETIONS_PATH}/${encodeURIComponent(userId)}/complete`, {
          method: 'POST',
        }),
        'complete deletion',
      ),
  };
}
