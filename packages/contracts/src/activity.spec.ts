import { describe, expect, it } from 'vitest';
import { activityQuerySchema, activitySpanDays } from './activity.js';

const issuesOf = (input: unknown) =>
  activityQuerySchema
    .safeParse(input)
    .error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

describe('activity contracts', () => {
  it('counts both ends of a span', () => {
    expect(activitySpanDays('2026-03-01', '2026-03-01')).toBe(1);
    expect(activitySpanDays('2026-01-01', '2026-12-31')).toBe(365);
    expect(activitySpanDays('2028-01-01', '2028-12-31')).toBe(366);
  });

  it('takes a span of up to a year in a known time zone, Moscow by default', () => {
    expect(activityQuerySchema.parse({ from: '2026-01-01', to: '2026-12-31' })).toEqual({
      from: '2026-01-01',
      to: '2026-12-31',
      tz: 'Europe/Moscow',
    });
    expect(issuesOf({ from: '2028-01-01', to: '2028-12-31', tz: 'UTC' })).toEqual([]);
  });

  it('refuses a reversed or too long span, a bad date and an unknown zone', () => {
    expect(issuesOf({ from: '2026-03-02', to: '2026-03-01' })).toEqual([
      'to: must not be before from',
    ]);
    expect(issuesOf({ from: '2026-01-01', to: '2027-01-02' })).toEqual([
      'to: at most 366 days after from',
    ]);
    expect(issuesOf({ from: '2026-02-30', to: '2026-03-01' }).map((i) => i.split(':')[0])).toEqual([
      'from',
    ]);
    expect(issuesOf({ from: '2026-03-01', to: '2026-03-02', tz: 'Europe/Atlantis' })).toEqual([
      'tz: not an IANA time zone',
    ]);
  });
});
