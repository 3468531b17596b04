import { z } from 'zod';
import { activityQuerySchema } from './activity.js';

/**
 * `GET /business/cooperatives/{coopname}/stats?from=YYYY-MM-DD&to=YYYY-MM-DD&tz=Europe/Moscow`:
 * both days included, counted in `tz`; at most 366 days (the member activity's rules).
 */
export const businessStatsQuerySchema = activityQuerySchema;
export type BusinessStatsQuery = z.input<typeof businessStatsQuerySchema>;

const count = z.number().int().nonnegative();

/** One day's counts of the cooperative's audited events. */
export const businessStatsDaySchema = z.object({
  date: z.iso.date(),
  /** Connect pages opened for this cooperative (`connect.opened`). */
  connect_opened: count,
  /** Members who registered on a connect page of this cooperative. */
  registrations: count,
  /** Members who signed in on a connect page of this cooperative. */
  sign_ins: count,
  /** Consents given: data shared with the cooperative (`grant.shared`). */
  consents: count,
  /** Consents refused on the consent screen (`grant.refused`). */
  refusals: count,
  /** Grants ended by the member or by closing the account (`grant.revoked`). */
  revocations: count,
  /** Tickets the cooperative's server exchanged for a token (`grant.ticket_exchanged`). */
  tickets_exchanged: count,
  /** Reads of shared data by the cooperative's server (`grant.read`). */
  reads: count,
  /** Memberships confirmed (by the cooperative's API or its staff; `membership.confirmed`). */
  membership_confirmations: count,
});
export type BusinessStatsDay = z.infer<typeof businessStatsDaySchema>;

/**
 * The way through the integration over the range: connect pages opened (visits), visits whose
 * member signed in or registered there, members who consented, whose ticket was exchanged, whose
 * data was read (each step distinct).
 */
export const businessFunnelSchema = z.object({
  connect_opened: count,
  signed_in: count,
  consent_given: count,
  ticket_exchanged: count,
  data_read: count,
});
export type BusinessFunnel = z.infer<typeof businessFunnelSchema>;

export const businessStatsSchema = z.object({
  coopname: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
  tz: z.string(),
  /** Every day of the range, zeros included, oldest first. */
  days: z.array(businessStatsDaySchema),
  funnel: businessFunnelSchema,
  totals: z.object({
    /** Live grants now (shared and not revoked), whatever the range. */
    active_grants: count,
    /** Revocations in the range. */
    revocations: count,
  }),
});
export type BusinessStats = z.infer<typeof businessStatsSchema>;

/** The Socket.IO event a staff socket sends to hear a cooperative's live counters (ack: result). */
export const SUBSCRIBE_COOPERATIVE_EVENT = 'subscribe-cooperative';
/** The Socket.IO event staff sockets of a cooperative hear when one of its events happened. */
export const BUSINESS_STATS_EVENT = 'business.stats';
export const BUSINESS_STATS_KINDS = ['consent', 'read', 'revoke'] as const;
export const businessStatsEventSchema = z.object({
  coopname: z.string(),
  kind: z.enum(BUSINESS_STATS_KINDS),
});
export type BusinessStatsEvent = z.infer<typeof businessStatsEventSchema>;
/** The acknowledgement of `subscribe-cooperative`: joined, or why not (`FORBIDDEN`). */
export const subscribeCooperativeAckSchema = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), code: z.string() }),
]);
export type SubscribeCooperativeAck = z.infer<typeof subscribeCooperativeAckSchema>;
