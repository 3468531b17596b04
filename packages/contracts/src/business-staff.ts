import { z } from 'zod';
import { backupCodeField, base64Url, emailSchema, totpCodeField } from './auth.js';

/** A member's role on a cooperative's staff (ADR 019). */
export const staffRoleSchema = z.enum(['owner', 'admin', 'viewer']);
export type StaffRole = z.infer<typeof staffRoleSchema>;

const instant = z.iso.datetime({ offset: true });

/** `GET /business/cooperatives`: one cooperative the signed-in member has a role in. */
export const myCooperativeSchema = z.object({
  coopname: z.string(),
  display_name: z.string(),
  role: staffRoleSchema,
  /** Ownership proven (chain signature or the platform admin's approval). */
  verified: z.boolean(),
  status: z.enum(['active', 'suspended']),
});
export type MyCooperative = z.infer<typeof myCooperativeSchema>;

export const myCooperativeListSchema = z.object({ cooperatives: z.array(myCooperativeSchema) });
export type MyCooperativeList = z.infer<typeof myCooperativeListSchema>;

/** One person on a cooperative's staff. */
export const staffMemberSchema = z.object({
  user_id: z.uuid(),
  /** The member's e-mail, their work identity among the cooperative's staff. */
  email: z.string(),
  role: staffRoleSchema,
  joined_at: instant,
  /** The caller themself. */
  you: z.boolean(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

/** An invitation not yet accepted, revoked or expired; the address is shown masked. */
export const staffInvitationSchema = z.object({
  id: z.uuid(),
  /** e.g. `a***@coop.example`. */
  email_masked: z.string(),
  role: staffRoleSchema,
  invited_at: instant,
  expires_at: instant,
});
export type StaffInvitation = z.infer<typeof staffInvitationSchema>;

/**
 * `GET /business/cooperatives/{coopname}/staff`: the staff, owners first; the pending invitations
 * only for owners and admins (empty for a viewer).
 */
export const staffListSchema = z.object({
  staff: z.array(staffMemberSchema),
  invitations: z.array(staffInvitationSchema),
});
export type StaffList = z.infer<typeof staffListSchema>;

/**
 * `POST /business/cooperatives/{coopname}/staff/invitations`: mails a single-use link valid for
 * 7 days; inviting the same address again replaces its open invitation. Owners may invite any
 * role, admins an admin or a viewer.
 */
export const staffInviteSchema = z.object({ email: emailSchema, role: staffRoleSchema });
export type StaffInvite = z.infer<typeof staffInviteSchema>;

/** `PATCH /business/cooperatives/{coopname}/staff/{user_id}` (owner, step-up). */
export const staffRoleChangeSchema = z.object({ role: staffRoleSchema });
export type StaffRoleChange = z.infer<typeof staffRoleChangeSchema>;

/** The token of an invitation link, as the accept screen got it from the URL. */
const invitationToken = base64Url.min(1).max(256);

/** `POST /business/invitations/accept`. */
export const invitationAcceptSchema = z.object({ token: invitationToken });
export type InvitationAccept = z.infer<typeof invitationAcceptSchema>;

/** `GET /business/invitations/{token}`: what the accept screen shows. */
export const invitationPreviewSchema = z.object({
  coopname: z.string(),
  display_name: z.string(),
  role: staffRoleSchema,
  expires_at: instant,
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

/** The role the member now holds. */
export const invitationAcceptedSchema = z.object({
  coopname: z.string(),
  role: staffRoleSchema,
});
export type InvitationAccepted = z.infer<typeof invitationAcceptedSchema>;

/**
 * `POST /auth/step-up`: the second factor now — a TOTP or backup code when 2FA is on, else a
 * proof of the password (`reauth_id` from `POST /auth/reauth/initiate` and the OPAQUE finish).
 */
export const stepUpSchema = z
  .object({
    totp_code: totpCodeField.optional(),
    backup_code: backupCodeField.optional(),
    reauth_id: z.string().min(1).max(256).optional(),
    finish_login_request: base64Url.min(1).max(1024).optional(),
  })
  .refine(
    (value) =>
      [value.totp_code, value.backup_code, value.reauth_id].filter(Boolean).length === 1 &&
      Boolean(value.reauth_id) === Boolean(value.finish_login_request),
    { message: 'give one of totp_code, backup_code or reauth_id with finish_login_request' },
  );
export type StepUp = z.infer<typeof stepUpSchema>;

/** This session may do step-up operations until `valid_until` (5 minutes). */
export const steppedUpSchema = z.object({ stepped_up_at: instant, valid_until: instant });
export type SteppedUp = z.infer<typeof steppedUpSchema>;
