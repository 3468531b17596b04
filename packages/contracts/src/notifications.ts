import { z } from 'zod';
import { antelopeNameSchema } from './card.js';

/**
 * What a member is told about, by stable dotted names. A name never changes meaning once
 * released; new situations get new names.
 */
export const NOTIFICATION_TYPES = [
  'security.new_device',
  'security.password_changed',
  'security.totp_changed',
  'security.email_changed',
  'account.deletion_scheduled',
  'grant.shared',
  'grant.read',
  'grant.revoked',
  'meeting.announced',
  'meeting.soon',
  'meeting.cancelled',
  'contribution.requested',
  'contribution.due_soon',
  'contribution.confirmed',
  'balance.changed',
  'membership.confirmed',
  'recommendation.totp_off',
  'application.submitted',
  'application.approved',
  'application.rejected',
  'application.changes_requested',
  'webhook.disabled',
  'virtual_card.issued',
  'virtual_card.topped_up',
  'virtual_card.top_up_failed',
  'virtual_card.transaction',
  'virtual_card.low_balance',
  'virtual_card.frozen',
  'virtual_card.unfrozen',
  'virtual_card.revealed',
  'virtual_card.monthly_report',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
export const notificationTypeSchema = z.enum(NOTIFICATION_TYPES);

/** Security notices: always on, on every channel; a member cannot switch them off. */
export const SECURITY_NOTIFICATION_TYPES: readonly NotificationType[] = [
  'security.new_device',
  'security.password_changed',
  'security.totp_changed',
  'security.email_changed',
  'account.deletion_scheduled',
  // Someone saw the virtual card's number: the member must know, whatever their settings.
  'virtual_card.revealed',
];
export const isSecurityNotification = (type: NotificationType): boolean =>
  SECURITY_NOTIFICATION_TYPES.includes(type);

/**
 * Notices to a cooperative's or the operator's staff whose e-mail the module that made the
 * change sends itself, in its own words (operator applications, a disabled webhook endpoint):
 * the notification is in-app (and push) only, so the staff are not mailed twice.
 */
export const STAFF_MAILED_NOTIFICATION_TYPES: readonly NotificationType[] = [
  'application.submitted',
  'application.approved',
  'application.rejected',
  'application.changes_requested',
  'webhook.disabled',
  'virtual_card.monthly_report',
];
export const isStaffMailedNotification = (type: NotificationType): boolean =>
  STAFF_MAILED_NOTIFICATION_TYPES.includes(type);

export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'push'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** An amount in integer minor units (kopecks, cents) of an ISO 4217 currency. */
const moneySchema = z.object({
  amount: z.number().int().describe('Integer minor units'),
  currency: z.string().regex(/^[A-Z]{3}$/),
});

const meetingData = z.object({
  meeting_id: z.string().max(100),
  title: z.string().max(300),
  starts_at: z.iso.datetime({ offset: true }),
});
const contributionData = z.object({
  contribution_id: z.string().max(100),
  amount: moneySchema,
  due_date: z.iso.date().optional(),
});
const empty = z.object({});
const virtualCardData = z.object({ card_id: z.uuid(), last4: z.string().regex(/^\d{4}$/) });

/**
 * Each type's payload: small, and nothing personal beyond what the member already sees in the
 * app (a device label, a meeting title, an amount). The cooperative, when there is one, is the
 * notification's `coopname`, not part of the payload.
 */
export const NOTIFICATION_DATA = {
  'security.new_device': z.object({ device: z.string().max(200) }),
  'security.password_changed': z.object({ by: z.enum(['password', 'recovery']) }),
  'security.totp_changed': z.object({ enabled: z.boolean() }),
  'security.email_changed': empty,
  'account.deletion_scheduled': z.object({ due_at: z.iso.datetime({ offset: true }) }),
  'grant.shared': empty,
  'grant.read': empty,
  'grant.revoked': empty,
  'meeting.announced': meetingData,
  'meeting.soon': meetingData,
  'meeting.cancelled': meetingData,
  'contribution.requested': contributionData,
  'contribution.due_soon': contributionData,
  'contribution.confirmed': contributionData,
  'balance.changed': empty,
  /** The cooperative confirmed the membership of the member's account `username`. */
  'membership.confirmed': z.object({ username: antelopeNameSchema }),
  /** A day after registration, 2FA is still off: a suggestion to turn it on. */
  'recommendation.totp_off': empty,
  /** To the operator's reviewers: the notification's cooperative submitted its application. */
  'application.submitted': empty,
  /** To the cooperative's owners: the operator's decision on its application. */
  'application.approved': empty,
  'application.rejected': z.object({ reason: z.string().max(2000).nullable() }),
  'application.changes_requested': z.object({ reason: z.string().max(2000).nullable() }),
  /**
   * To the cooperative's owners and admins: an endpoint was disabled, named by its URL's host
   * only; `gone`: it answered 410, `failing`: it failed for days.
   */
  'webhook.disabled': z.object({
    endpoint_id: z.uuid(),
    host: z.string().max(253),
    reason: z.enum(['gone', 'failing']),
  }),
  /** Virtual cards (issue 15): the card by its last 4 digits, never more of its number. */
  'virtual_card.issued': virtualCardData,
  'virtual_card.topped_up': virtualCardData.extend({ amount: moneySchema }),
  'virtual_card.top_up_failed': virtualCardData.extend({
    amount: moneySchema,
    reason: z.string().max(64),
  }),
  /** A purchase or refund, approved or declined (`decline_reason` then). */
  'virtual_card.transaction': virtualCardData.extend({
    kind: z.enum(['purchase', 'refund']),
    status: z.enum(['approved', 'declined', 'reversed']),
    amount: moneySchema,
    merchant: z.string().max(200).nullable(),
    decline_reason: z.string().max(64).nullable(),
  }),
  'virtual_card.low_balance': virtualCardData.extend({ balance: moneySchema }),
  'virtual_card.frozen': virtualCardData,
  'virtual_card.unfrozen': virtualCardData,
  'virtual_card.revealed': virtualCardData,
  /** To the cooperative's owners: last month's virtual-card report is ready. */
  'virtual_card.monthly_report': z.object({ month: z.string().regex(/^\d{4}-\d{2}$/) }),
} satisfies Record<NotificationType, z.ZodObject>;
export type NotificationData<T extends NotificationType> = z.infer<(typeof NOTIFICATION_DATA)[T]>;

const notificationBase = {
  id: z.uuid(),
  coopname: antelopeNameSchema.nullable(),
  /** The cooperative's display name where there is a cooperative. */
  display_name: z.string().nullable(),
  created_at: z.iso.datetime({ offset: true }),
  read_at: z.iso.datetime({ offset: true }).nullable(),
};

const item = <T extends NotificationType>(type: T) =>
  z.object({ ...notificationBase, type: z.literal(type), data: NOTIFICATION_DATA[type] });

/** One notification in the member's centre. */
export const notificationSchema = z.discriminatedUnion('type', [
  item('security.new_device'),
  item('security.password_changed'),
  item('security.totp_changed'),
  item('security.email_changed'),
  item('account.deletion_scheduled'),
  item('grant.shared'),
  item('grant.read'),
  item('grant.revoked'),
  item('meeting.announced'),
  item('meeting.soon'),
  item('meeting.cancelled'),
  item('contribution.requested'),
  item('contribution.due_soon'),
  item('contribution.confirmed'),
  item('balance.changed'),
  item('membership.confirmed'),
  item('recommendation.totp_off'),
  item('application.submitted'),
  item('application.approved'),
  item('application.rejected'),
  item('application.changes_requested'),
  item('webhook.disabled'),
  item('virtual_card.issued'),
  item('virtual_card.topped_up'),
  item('virtual_card.top_up_failed'),
  item('virtual_card.transaction'),
  item('virtual_card.low_balance'),
  item('virtual_card.frozen'),
  item('virtual_card.unfrozen'),
  item('virtual_card.revealed'),
  item('virtual_card.monthly_report'),
]);
export type Notification = z.infer<typeof notificationSchema>;

/** `GET /notifications`: newest first, keyset-paginated by the opaque `cursor`. */
export const notificationListQuerySchema = z.object({
  type: notificationTypeSchema.optional(),
  coopname: antelopeNameSchema.optional(),
  /** `true`: unread only. */
  unread: z.enum(['true', 'false']).optional(),
  /** The `next_cursor` of the previous page. */
  cursor: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type NotificationListQuery = z.output<typeof notificationListQuerySchema>;

export const notificationListSchema = z.object({
  notifications: z.array(notificationSchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  next_cursor: z.uuid().nullable(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const markNotificationsReadSchema = z.object({
  ids: z.array(z.uuid()).min(1).max(100),
});
export type MarkNotificationsRead = z.infer<typeof markNotificationsReadSchema>;

/** How many notifications were marked read (the member's own, unread until now). */
export const markedReadSchema = z.object({ marked: z.number().int() });
export type MarkedRead = z.infer<typeof markedReadSchema>;

export const unreadCountSchema = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof unreadCountSchema>;

const channelSwitches = z.object({ in_app: z.boolean(), email: z.boolean(), push: z.boolean() });
export type ChannelSwitches = z.infer<typeof channelSwitches>;

/**
 * Which channels each type goes to, and whether e-mails (other than security notices) come as
 * one daily digest instead of one by one. `revision` guards concurrent edits: a `PUT` with a
 * stale revision is refused with 409 CONFLICT.
 */
export const notificationPreferencesSchema = z.object({
  channels: z.object(
    Object.fromEntries(NOTIFICATION_TYPES.map((type) => [type, channelSwitches])) as Record<
      NotificationType,
      typeof channelSwitches
    >,
  ),
  daily_digest: z.boolean(),
  revision: z.number().int().min(0),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;
