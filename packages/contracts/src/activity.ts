import { z } from 'zod';
import { base64Url } from './auth.js';
import { isTimeZone } from './meetings.js';

/** The longest span `GET /activity` aggregates: a year, a leap day included. */
export const ACTIVITY_MAX_DAYS = 366;
/** Spans longer than this are counted per week (Monday first) instead of per day. */
export const ACTIVITY_DAILY_MAX_DAYS = 92;

const DAY_MS = 86_400_000;
const isoDate = z.iso.date();
/** Days from `from` to `to` (both `YYYY-MM-DD`), counting both: 1 for the same day. */
/**
 * A `{from, to}` query's range: `to` not before `from`, at most {@link ACTIVITY_MAX_DAYS} days.
 * Zod runs it even when a date failed its own format: only valid dates are compared.
 */
export function checkDateRange(
  query: { from: string; to: string },
  context: z.RefinementCtx,
): void {
  if (!isoDate.safeParse(query.from).success || !isoDate.safeParse(query.to).success) return;
  const days = activitySpanDays(query.from, query.to);
  if (days < 1) {
    context.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  } else if (days > ACTIVITY_MAX_DAYS) {
    context.addIssue({
      code: 'custom',
      path: ['to'],
      message: `at most ${ACTIVITY_MAX_DAYS} days after from`,
    });
  }
}

export function activitySpanDays(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
}

/**
 * `GET /activity?from=YYYY-MM-DD&to=YYYY-MM-DD&tz=Europe/Moscow`: both days included, counted in
 * the member's time zone; at most {@link ACTIVITY_MAX_DAYS} days.
 */
export const activityQuerySchema = z
  .object({
    from: isoDate,
    to: isoDate,
    tz: z.string().max(64).refine(isTimeZone, 'not an IANA time zone').default('Europe/Moscow'),
  })
  .superRefine(checkDateRange);
export type ActivityQuery = z.input<typeof activityQuerySchema>;

/** How the counts of reads and logins are bucketed: per day, or per week for long spans. */
export const ACTIVITY_GRANULARITIES = ['day', 'week'] as const;
export type ActivityGranularity = (typeof ACTIVITY_GRANULARITIES)[number];

export const activitySchema = z.object({
  from: isoDate,
  to: isoDate,
  tz: z.string(),
  granularity: z.enum(ACTIVITY_GRANULARITIES),
  /** Reads of the member's shared data, per cooperative and period (the period's first day). */
  reads: z.array(
    z.object({
      period: isoDate,
      coopname: z.string(),
      display_name: z.string().nullable(),
      count: z.number().int(),
    }),
  ),
  /** Successful sign-ins per device (as the device named itself; null: unnamed) and period. */
  logins: z.array(
    z.object({
      period: isoDate,
      device: z.string().nullable(),
      count: z.number().int(),
    }),
  ),
  /** Contributions paid, per calendar month (`YYYY-MM`) and currency; amounts in minor units. */
  contributions: z.array(
    z.object({
      month: z.string().regex(/^\d{4}-\d{2}$/),
      currency: z.string(),
      amount: z.number().int(),
      count: z.number().int(),
    }),
  ),
});
export type Activity = z.infer<typeof activitySchema>;

/** `GET /activity/logins`: newest first; `after` is the `next` of the previous page. */
export const loginHistoryQuerySchema = z.object({
  after: base64Url.max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type LoginHistoryQuery = z.input<typeof loginHistoryQuerySchema>;

export const loginHistorySchema = z.object({
  logins: z.array(
    z.object({
      at: z.iso.datetime({ offset: true }),
      /** The device as it named itself when signing in; null when it did not. */
      device: z.string().nullable(),
      /** The member's own address at sign-in, unsealed for them only; null when not recorded. */
      ip: z.string().nullable(),
    }),
  ),
  next: z.string().nullable(),
});
export type LoginHistory = z.infer<typeof loginHistorySchema>;
export type LoginRecord = LoginHistory['logins'][number];
