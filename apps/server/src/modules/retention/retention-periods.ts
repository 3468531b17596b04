/**
 * How long rows outlive their use (docs/architecture.md, "Retention"). Periods, not settings: a
 * change is a code change, reviewed with the reason it is safe.
 */
export const RETENTION = {
  /** Tickets past expiry: a late replay within a day still finds and burns its grant's tokens. */
  ticketsAfterExpiryDays: 1,
  /**
   * Ended sessions (revoked or expired) stay this long: the "new device" notice asks whether
   * the member signed in from a device of that name before.
   */
  endedSessionsDays: 90,
  /**
   * Refresh tokens of an ended session: the session refuses every token anyway, so reuse
   * detection needs none of them. Tokens of a live session are all kept (a spent one presented
   * again revokes the session).
   */
  refreshTokensAfterSessionEndDays: 1,
  /** Read notifications. */
  readNotificationsDays: 90,
  /** Any notification, read or not, and the at-most-once delivery keys. */
  notificationsDays: 180,
  emailChallengesAfterExpiryDays: 1,
  /** Lockout rows whose window and lock are long over (such a row counts as no row). */
  loginFailuresDays: 1,
  /** An `Idempotency-Key` is replayed for a retry within this many days. */
  idempotencyKeysDays: 30,
  testSharesAfterExpiryDays: 30,
  /** Delivered or given-up webhook deliveries (the panel's delivery log), and their events. */
  webhookDeliveriesDays: 30,
  /** Jobs given up on: kept for an operator to look at (done jobs are deleted when done). */
  failedJobsDays: 30,
} as const;
