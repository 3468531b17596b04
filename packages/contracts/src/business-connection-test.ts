import { z } from 'zod';

/**
 * The username of the test member "Test connection" shares as (reserved: no account takes it).
 * A cooperative's callback receives its shares with `test: true` on the token and the data, and
 * must not admit it as a member.
 */
export const TEST_MEMBER_USERNAME = 'cardcooptest';

/**
 * The checks "Test connection" runs, in the order an integration needs them: the settings, then a
 * live share with the test member ({@link TEST_MEMBER_USERNAME}) through the cooperative's own
 * entry page and callback (`start_page` → `ticket_exchanged` → `data_read` → `callback_answered`).
 */
export const CONNECTION_CHECKS = [
  'cooperative_active',
  'ownership_verified',
  'redirect_uris',
  'origins',
  'requested_fields',
  'data_key',
  'redirect_uris_reachable',
  'start_page',
  'ticket_exchanged',
  'data_read',
  'callback_answered',
] as const;
export type ConnectionCheckName = (typeof CONNECTION_CHECKS)[number];

export const connectionCheckSchema = z.object({
  check: z.enum(CONNECTION_CHECKS),
  /**
   * `passed`; `failed` (members cannot share until it is fixed); `warning` (works, with a limit:
   * e.g. an unverified cooperative works with localhost addresses only); `pending` (nothing went
   * through this step yet: share once through the site, then test again); `skipped` (not run:
   * an earlier step failed).
   */
  status: z.enum(['passed', 'failed', 'warning', 'pending', 'skipped']),
  /** A stable reason code for the UI to translate, e.g. `none_registered`, `unreachable`. */
  reason: z.string().nullable(),
  /** What the check was about, e.g. the redirect URI that did not answer. */
  target: z.string().nullable(),
  /** When it last happened (ticket exchanged, data read). */
  at: z.string().datetime({ offset: true }).nullable(),
});
export type ConnectionCheck = z.infer<typeof connectionCheckSchema>;

export const connectionTestSchema = z.object({
  coopname: z.string(),
  /** False when any check failed: the step that failed is the first `failed` one. */
  ok: z.boolean(),
  checked_at: z.string().datetime({ offset: true }),
  checks: z.array(connectionCheckSchema),
});
export type ConnectionTest = z.infer<typeof connectionTestSchema>;
