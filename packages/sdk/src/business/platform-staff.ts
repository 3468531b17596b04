import { platformStaffListSchema } from '@cardcoop/contracts';
import type { PlatformRoleName, PlatformStaffMember } from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import type { MemberSessionManager } from '../session/manager.js';

const STAFF_PATH = '/api/v1/admin/staff';

/**
 * The platform's own staff (platform admins; the admin key for automation). Giving or taking a
 * role needs a fresh second factor (`STEP_UP_REQUIRED`); the last platform admin cannot be
 * removed or demoted (`LAST_PLATFORM_ADMIN`).
 *
 * @example
 * ```ts
 * await platform.staff.set(userId, 'operator_reviewer');
 * const staff = await platform.staff.list();
 * ```
 */
export interface PlatformStaffClient {
  list(): Promise<PlatformStaffMember[]>;
  set(userId: string, role: PlatformRoleName): Promise<void>;
  remove(userId: string): Promise<void>;
}

export function createPlatformStaffClient(session: MemberSessionManager): PlatformStaffClient {
  const memberPath = (userId: string) => `${STAFF_PATH}/${encodeURIComponent(userId)}`;
  return {
    list: async () =>
      parseResponse(platformStaffListSchema, await session.request(STAFF_PATH), 'platform staff')
        .staff,
    set: async (userId, role) => {
      await session.request(memberPath(userId), { method: 'PUT', body: { role } });
    },
    remove: async (userId) => {
      await session.request(memberPath(userId), { method: 'DELETE' });
    },
  };
}
