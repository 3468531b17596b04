import type { Activity } from '@cardcoop/contracts';

/** The spans the page offers, in days ending today. */
export const RANGES = [
  { key: 'days30', days: 30 },
  { key: 'days90', days: 90 },
  { key: 'year', days: 365 },
] as const;
export type RangeKey = (typeof RANGES)[number]['key'];

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The last `days` days, today included, as the browser's time zone counts them: what
 * `GET /activity` takes.
 *
 * @example
 * ```ts
 * spanEnding(30, new Date('2026-12-05T10:00:00Z'), 'Europe/Moscow');
 * // { from: '2026-11-06', to: '2026-12-05', tz: 'Europe/Moscow' }
 * ```
 */
export function spanEnding(days: number, now: Date, tz: string) {
  const to = new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(now);
  return { from: dayOf(Date.parse(to) - (days - 1) * DAY_MS), to, tz };
}

/** Every period of the span, so that a chart's axis has no gaps: days, or weeks from Monday. */
export function periodsOf({ from, to, granularity }: Activity): string[] {
  let ms = Date.parse(from);
  if (granularity === 'week') ms -= ((new Date(ms).getUTCDay() + 6) % 7) * DAY_MS;
  const step = granularity === 'week' ? 7 * DAY_MS : DAY_MS;
  const periods: string[] = [];
  for (; ms <= Date.parse(to); ms += step) periods.push(dayOf(ms));
  return periods;
}

/** Every month (`YYYY-MM`) the span touches. */
export function monthsOf({ from, to }: Pick<Activity, 'from' | 'to'>): string[] {
  const months: string[] = [];
  const last = to.slice(0, 7);
  for (let [year, month] = from.split('-').map(Number) as [number, number]; ; month += 1) {
    if (month > 12) [year, month] = [year + 1, 1];
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key === last) return months;
  }
}

/** A chart's data: one point per period, one value per series (`s0`, `s1`… for any name). */
export interface ChartData {
  series: { name: string; label: string }[];
  points: { period: string; values: Record<string, number> }[];
}

/**
 * Rows of one period and one series each (as the API answers) as one point per period with a
 * value per series, zero where nothing happened.
 *
 * @example
 * ```ts
 * pivot([{ period: '2026-12-01', coop: 'ПК ВОСХОД', count: 2 }], ['2026-11-30', '2026-12-01'],
 *   (row) => row.period, (row) => row.coop, (row) => row.count);
 * // { series: [{ name: 's0', label: 'ПК ВОСХОД' }],
 * //   points: [{ period: '2026-11-30', values: { s0: 0 } }, { period: '2026-12-01', values: { s0: 2 } }] }
 * ```
 */
export function pivot<R>(
  rows: R[],
  periods: string[],
  periodOf: (row: R) => string,
  seriesOf: (row: R) => string,
  valueOf: (row: R) => number,
): ChartData {
  const names = new Map<string, string>();
  for (const row of rows) {
    const label = seriesOf(row);
    if (!names.has(label)) names.set(label, `s${names.size}`);
  }
  const zero = Object.fromEntries([...names.values()].map((name) => [name, 0]));
  const points = new Map(periods.map((period) => [period, { period, values: { ...zero } }]));
  for (const row of rows) {
    const point = points.get(periodOf(row));
    const name = names.get(seriesOf(row))!;
    if (point) point.values[name] = (point.values[name] ?? 0) + valueOf(row);
  }
  return {
    series: [...names].map(([label, name]) => ({ name, label })),
    points: [...points.values()],
  };
}
