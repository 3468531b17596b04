import { dateFromTyped } from '../../id/card/card-masks';

const DAY_MS = 86_400_000;
/** The longest range the server counts (`GET …/stats`). */
export const MAX_DAYS = 366;

/** The browser's time zone: the days are counted in it. */
export const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Today in `tz` as `YYYY-MM-DD`. */
export const todayIn = (tz: string, now = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(now);

/**
 * The last `days` days, today included, in `tz`.
 *
 * @example
 * ```ts
 * lastDays(30, 'Europe/Moscow', new Date('2026-12-05T10:00:00Z'));
 * // { from: '2026-11-06', to: '2026-12-05' }
 * ```
 */
export function lastDays(days: number, tz: string, now = new Date()) {
  const to = todayIn(tz, now);
  return { from: new Date(Date.parse(to) - (days - 1) * DAY_MS).toISOString().slice(0, 10), to };
}

const isDay = (value: string) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
};

export type RangeError = 'invalid' | 'order' | 'tooLong';

/**
 * The range typed as `дд.мм.гггг` (the mask's digits) as days, or what is wrong with it, by
 * field: a date that is not one, `to` before `from`, more than {@link MAX_DAYS} days.
 */
export function parseRange(fromTyped: string, toTyped: string) {
  const from = dateFromTyped(fromTyped);
  const to = dateFromTyped(toTyped);
  const errors: { from?: RangeError; to?: RangeError } = {};
  if (!isDay(from)) errors.from = 'invalid';
  if (!isDay(to)) errors.to = 'invalid';
  if (!errors.from && !errors.to) {
    const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
    if (days < 1) errors.to = 'order';
    else if (days > MAX_DAYS) errors.to = 'tooLong';
  }
  return errors.from || errors.to ? { errors } : { range: { from, to } };
}

/** Share of `part` in `whole` as a whole percentage (0 when there is no whole). */
export const percentOf = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 100) : 0;
