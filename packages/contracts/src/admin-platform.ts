import { z } from 'zod';
import { componentStatusSchema } from './health.js';

/**
 * The platform's own administration (`/api/v1/admin/...`, issue 14): platform staff, members
 * (found by the e-mail's HMAC lookup only), the audit log and its verification, health, planned
 * maintenance, data export and deletion requests. The cooperatives registry is in admin.ts.
 */

const datetime = z.iso.datetime({ offset: true });

export const platformRoleSchema = z.enum(['operator_reviewer', 'platform_admin']);
export type PlatformRoleName = z.infer<typeof platformRoleSchema>;

export const platformStaffMemberSchema = z.object({
  user_id: z.uuid(),
  role: platformRoleSchema,
  created_at: datetime,
});
export type PlatformStaffMember = z.infer<typeof platformStaffMemberSchema>;
export const platformStaffListSchema = z.object({ staff: z.array(platformStaffMemberSchema) });
export type PlatformStaffList = z.infer<typeof platformStaffListSchema>;
/** `PUT /admin/staff/:userId`: gives a member a platform role (or changes it). */
export const setPlatformRoleSchema = z.object({ role: platformRoleSchema });

/** The signed-in member's own platform role (null: none), so the app knows to offer `/admin`. */
export const myPlatformRoleSchema = z.object({ role: platformRoleSchema.nullable() });
export type MyPlatformRole = z.infer<typeof myPlatformRoleSchema>;
export type SetPlatformRole = z.infer<typeof setPlatformRoleSchema>;

/** `active`; `locked` by a platform admin; `deletion_pending` while a deletion waits its 72 h. */
export const adminUserStatusSchema = z.enum(['active', 'locked', 'deletion_pending']);

/** A member as the platform admin sees them: metadata only, never the address or a key. */
export const adminUserSchema = z.object({
  user_id: z.uuid(),
  created_at: datetime,
  status: adminUserStatusSchema,
  locked_at: datetime.nullable(),
  deletion_due_at: datetime.nullable(),
  totp_enabled: z.boolean(),
  /** Live sessions (not revoked, not expired). */
  sessions: z.number().int().nonnegative(),
  last_sign_in_at: datetime.nullable(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

/** `GET /admin/users?email=`: the exact address; there is no listing of members. */
export const adminUserQuerySchema = z.object({ email: z.email().max(320) });
export type AdminUserQuery = z.infer<typeof adminUserQuerySchema>;

export const lockUserSchema = z.object({
  /** Why, for the audit log (the member's own chain). */
  reason: z.string().trim().min(1).max(500),
});
export type LockUser = z.infer<typeof lockUserSchema>;

export const endedSessionsSchema = z.object({ ended: z.number().int().nonnegative() });
export type EndedSessions = z.infer<typeof endedSessionsSchema>;

/** One event of the audit log as the platform admin reads it (the sealed IP is never shown). */
export const adminAuditEventSchema = z.object({
  /** Orders the whole log; the paging cursor. */
  id: z.number().int().positive(),
  subject_id: z.uuid(),
  seq: z.number().int().positive(),
  type: z.string(),
  at: datetime,
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AdminAuditEvent = z.infer<typeof adminAuditEventSchema>;

/** Newest first; `cursor` is the `next_cursor` of the previous page. */
export const adminAuditQuerySchema = z.object({
  // Event types are dotted names; anything else (a NUL, say) matches none and is refused.
  type: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'must be an event type')
    .optional(),
  from: datetime.optional(),
  to: datetime.optional(),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'must be a next_cursor')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AdminAuditQuery = z.input<typeof adminAuditQuerySchema>;

export const adminAuditPageSchema = z.object({
  events: z.array(adminAuditEventSchema),
  next_cursor: z.string().nullable(),
});
export type AdminAuditPage = z.infer<typeof adminAuditPageSchema>;

/** `POST /admin/audit/verify`: every chain recomputed and every signed checkpoint checked. */
export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  /** Events recomputed. */
  checked: z.number().int().nonnegative(),
  subjects: z.number().int().nonnegative(),
  /** The lowest id of an event whose hash, predecessor or number does not match; null if none. */
  first_broken_id: z.number().int().positive().nullable(),
  checkpoints_checked: z.number().int().nonnegative(),
  /** Of the latest 100 checkpoints, the oldest whose signature or root does not match; or null. */
  first_broken_checkpoint_id: z.number().int().positive().nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

/** `GET /admin/health`: the dependencies and the job queue, for people (not an orchestrator). */
export const platformHealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  uptime_seconds: z.number().nonnegative(),
  checks: z.object({
    database: componentStatusSchema,
    cache: componentStatusSchema,
    /** `dev_mailbox` when no SMTP server is configured (development). */
    mail: z.enum(['up', 'down', 'dev_mailbox']),
  }),
  jobs: z.object({
    pending: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    oldest_due_seconds: z.number().nonnegative(),
  }),
});
export type PlatformHealth = z.infer<typeof platformHealthSchema>;

const message = z.string().trim().min(1).max(1000);

/** Planned maintenance, announced in advance to every member (a banner with start and end). */
export const maintenanceAnnouncementSchema = z.object({
  id: z.uuid(),
  starts_at: datetime,
  ends_at: datetime,
  message_ru: z.string(),
  message_en: z.string(),
});
export type MaintenanceAnnouncement = z.infer<typeof maintenanceAnnouncementSchema>;

const startsBeforeEnds = (value: { starts_at?: string; ends_at?: string }) =>
  !value.starts_at || !value.ends_at || Date.parse(value.starts_at) < Date.parse(value.ends_at);
const startsBeforeEndsIssue = { message: 'starts_at must be before ends_at', path: ['ends_at'] };

export const createMaintenanceSchema = z
  .object({ starts_at: datetime, ends_at: datetime, message_ru: message, message_en: message })
  .refine(startsBeforeEnds, startsBeforeEndsIssue);
export type CreateMaintenance = z.infer<typeof createMaintenanceSchema>;

/** Changes some fields; the result must still start before it ends. */
export const updateMaintenanceSchema = z
  .object({
    starts_at: datetime.optional(),
    ends_at: datetime.optional(),
    message_ru: message.optional(),
    message_en: message.optional(),
  })
  .refine(startsBeforeEnds, startsBeforeEndsIssue);
export type UpdateMaintenance = z.infer<typeof updateMaintenanceSchema>;

/** `GET /maintenance` (public): current and upcoming announcements, soonest first. */
export const maintenanceListSchema = z.object({
  announcements: z.array(maintenanceAnnouncementSchema),
});
export type MaintenanceList = z.infer<typeof maintenanceListSchema>;

/** A deletion request waiting its 72 hours. */
export const pendingDeletionSchema = z.object({ user_id: z.uuid(), deletion_due_at: datetime });
export const pendingDeletionListSchema = z.object({ deletions: z.array(pendingDeletionSchema) });
export type PendingDeletionList = z.infer<typeof pendingDeletionListSchema>;
export const deletionCompletedSchema = z.object({ user_id: z.uuid(), deleted_at: datetime });
export type DeletionCompleted = z.infer<typeof deletionCompletedSchema>;

const record = z.record(z.string(), z.unknown());

/**
 * `GET /admin/users/:userId/export`: a member's server-side records for a data request
 * (GDPR / 152-ФЗ). Metadata only: never a key, a hash, a sealed value or a ciphertext.
 */
export const memberExportSchema = z.object({
  exported_at: datetime,
  account: record,
  sessions: z.array(record),
  audit_events: z.array(record),
  grants: z.array(record),
  accounts: z.array(record),
  notifications: z.array(record),
  consents: z.array(record),
  platform_role: platformRoleSchema.nullable(),
  cooperative_roles: z.array(record),
});
export type MemberExport = z.infer<typeof memberExportSchema>;
