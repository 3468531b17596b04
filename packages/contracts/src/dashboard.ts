import { z } from 'zod';
import { cooperativeBalancesSchema } from './balances.js';
import { cardAccountSchema, cardMetaSchema, grantSchema } from './card.js';
import { contributionSchema } from './contributions.js';
import { meetingSchema } from './meetings.js';
import { notificationSchema } from './notifications.js';

/** How many of each list the home shows. */
export const DASHBOARD_LIMITS = { contributions: 3, notifications: 5, reads: 5 } as const;

/**
 * An account on the home: the cooperative's name only where the membership is confirmed (null
 * while the member is an applicant, or once it ended); no keys.
 */
export const dashboardAccountSchema = cardAccountSchema
  .pick({ id: true, coopname: true, username: true, membership: true, closed_at: true })
  .extend({ display_name: z.string().nullable() });
export type DashboardAccount = z.infer<typeof dashboardAccountSchema>;

/**
 * What the server knows of the card, never its content (zero knowledge): its kind, revision and
 * when it last changed (`change`: issued, or updated since).
 */
export const dashboardCardSchema = z.object({
  kind: cardMetaSchema.shape.kind,
  revision: z.number().int(),
  change: z.enum(['issued', 'updated']),
  updated_at: z.string(),
});
export type DashboardCard = z.infer<typeof dashboardCardSchema>;

/** `GET /dashboard`: everything the member's home shows that the server knows, in one answer. */
export const dashboardSchema = z.object({
  /** Null before the member issued a card. */
  card: dashboardCardSchema.nullable(),
  accounts: z.array(dashboardAccountSchema),
  /** One entry per open account with a confirmed membership (`GET /balances`). */
  balances: z.array(cooperativeBalancesSchema),
  /** The soonest upcoming meeting not cancelled, with the member's answer; null: none. */
  next_meeting: meetingSchema.nullable(),
  contributions: z.object({
    /** Requested and overdue contributions in all. */
    unpaid: z.number().int(),
    /** The nearest due first (overdue ones come first). */
    nearest: z.array(contributionSchema).max(DASHBOARD_LIMITS.contributions),
  }),
  notifications: z.object({
    unread: z.number().int(),
    /** The latest, newest first. */
    latest: z.array(notificationSchema).max(DASHBOARD_LIMITS.notifications),
  }),
  /** The grants cooperatives read most recently, the latest read first. */
  reads: z.array(grantSchema).max(DASHBOARD_LIMITS.reads),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
