import {
  invitationAcceptedSchema,
  invitationPreviewSchema,
  myCooperativeListSchema,
  staffInvitationSchema,
  staffListSchema,
} from '@cardcoop/contracts';
import type {
  InvitationAccepted,
  InvitationPreview,
  MyCooperative,
  StaffInvitation,
  StaffList,
  StaffRole,
} from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import type { MemberSessionManager } from '../session/manager.js';

const BUSINESS_PATH = '/api/v1/business';
const staffPath = (coopname: string, rest = '') =>
  `${BUSINESS_PATH}/cooperatives/${encodeURIComponent(coopname)}/staff${rest}`;

/**
 * The cooperatives the signed-in member works for (the business panel's picker).
 *
 * @example
 * ```ts
 * const [first] = await business.cooperatives.list();
 * ```
 */
export interface MyCooperativesClient {
  /** Each cooperative where the member has a role: name, role, verified, status. */
  list(): Promise<MyCooperative[]>;
}

/**
 * A cooperative's staff (ADR 019): who works in its panel, invitations by e-mail, roles. Role
 * changes and removals need a recent step-up of this session (`member.stepUp(...)`), else
 * `STEP_UP_REQUIRED`; the last owner can be neither demoted, removed nor leave (`LAST_OWNER`).
 *
 * @example
 * ```ts
 * await business.staff.invite('voskhod', { email: 'anna@coop.example', role: 'viewer' });
 * // Anna, signed in, opens the mailed link /business/invitations/<token>:
 * await annaBusiness.staff.accept(token);
 * ```
 */
export interface StaffClient {
  /** The staff with their roles; open invitations (address masked) for owners and admins. */
  list(coopname: string): Promise<StaffList>;
  /**
   * Mails a single-use link valid for 7 days (owners and admins; admins may not invite owners);
   * inviting the same address again replaces its open invitation.
   */
  invite(coopname: string, input: { email: string; role: StaffRole }): Promise<StaffInvitation>;
  /** Revokes an open invitation (`NOT_FOUND` when it is no longer open). */
  revokeInvitation(coopname: string, invitationId: string): Promise<void>;
  /** Gives a staff member another role (owner, step-up). */
  changeRole(coopname: string, userId: string, role: StaffRole): Promise<void>;
  /** Removes a member from the staff (owner, step-up). */
  remove(coopname: string, userId: string): Promise<void>;
  /** The signed-in member leaves the cooperative's staff. */
  leave(coopname: string): Promise<void>;
  /**
   * What an invitation link offers, for the accept screen; `INVITATION_INVALID` for a link that
   * cannot be accepted (expired, used, revoked).
   */
  invitation(token: string): Promise<InvitationPreview>;
  /**
   * Accepts an invitation sent to the signed-in member's own e-mail address; any other case is
   * `INVITATION_INVALID`.
   */
  accept(token: string): Promise<InvitationAccepted>;
}

export function createMyCooperativesClient(session: MemberSessionManager): MyCooperativesClient {
  return {
    list: async () =>
      parseResponse(
        myCooperativeListSchema,
        await session.request(`${BUSINESS_PATH}/cooperatives`),
        'business/cooperatives',
      ).cooperatives,
  };
}

export function createStaffClient(session: MemberSessionManager): StaffClient {
  return {
    list: async (coopname) =>
      parseResponse(staffListSchema, await session.request(staffPath(coopname)), 'staff'),
    invite: async (coopname, input) =>
      parseResponse(
        staffInvitationSchema,
        await session.request(staffPath(coopname, '/invitations'), {
          method: 'POST',
          body: input,
        }),
        'staff/invitations',
      ),
    revokeInvitation: async (coopname, invitationId) => {
      await session.request(
        staffPath(coopname, `/invitations/${encodeURIComponent(invitationId)}`),
        {
          method: 'DELETE',
        },
      );
    },
    changeRole: async (coopname, userId, role) => {
      await session.request(staffPath(coopname, `/${encodeURIComponent(userId)}`), {
        method: 'PATCH',
        body: { role },
      });
    },
    remove: async (coopname, userId) => {
      await session.request(staffPath(coopname, `/${encodeURIComponent(userId)}`), {
        method: 'DELETE',
      });
    },
    leave: async (coopname) => {
      await session.request(staffPath(coopname, '/leave'), { method: 'POST' });
    },
    invitation: async (token) =>
      parseResponse(
        invitationPreviewSchema,
        await session.request(`${BUSINESS_PATH}/invitations/${encodeURIComponent(token)}`),
        'business/invitations',
      ),
    accept: async (token) =>
      parseResponse(
        invitationAcceptedSchema,
        await session.request(`${BUSINESS_PATH}/invitations/accept`, {
          method: 'POST',
          body: { token },
        }),
        'business/invitations/accept',
      ),
  };
}
