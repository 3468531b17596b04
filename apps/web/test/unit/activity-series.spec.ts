import type { Activity } from '@cardcoop/contracts';
import { describe, expect, it } from 'vitest';
import {
  monthsOf,
  periodsOf,
  pivot,
  spanEnding,
} from '../../src/areas/member/activity/activity-series.js';

const span = (from: string, to: string, granularity: Activity['granularity']): Activity => ({
  from,
  to,
  tz: 'Europe/Moscow',
  granularity,
  reads: [],
  logins: [],
  contributions: [],
});

describe('the activity page’s series', () => {
  it('ends the span today in the time zone, across midnight UTC', () => {
    // 22:30 UTC on 4 December is already 5 December in Moscow.
    const now = new Date('2026-12-04T22:30:00Z');
    expect(spanEnding(30, now, 'Europe/Moscow')).toEqual({
      from: '2026-11-06',
      to: '2026-12-05',
      tz: 'Europe/Moscow',
    });
    expect(spanEnding(1, now, 'UTC')).toEqual({ from: '2026-12-04', to: '2026-12-04', tz: 'UTC' });
  });

  it('lists every day, or every week from Monday, and every month', () => {
    expect(periodsOf(span('2026-02-27', '2026-03-02', 'day'))).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    // 2026-12-05 is a Saturday: its week starts on Monday 30 November.
    expect(periodsOf(span('2026-12-05', '2026-12-20', 'week'))).toEqual([
      '2026-11-30',
      '2026-12-07',
      '2026-12-14',
    ]);
    expect(monthsOf({ from: '2025-11-15', to: '2026-02-01' })).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
  });

  it('pivots rows to one point per period with zeros where nothing happened', () => {
    const rows = [
      { period: '2026-12-02', who: 'ПК ВОСХОД', count: 2 },
      { period: '2026-12-02', who: 'ПК Заря', count: 1 },
      { period: '2026-12-03', who: 'ПК ВОСХОД', count: 4 },
    ];
    expect(
      pivot(
        rows,
        ['2026-12-01', '2026-12-02', '2026-12-03'],
        (row) => row.period,
        (row) => row.who,
        (row) => row.count,
      ),
    ).toEqual({
      series: [
        { name: 's0', label: 'ПК ВОСХОД' },
        { name: 's1', label: 'ПК Заря' },
      ],
      points: [
        { period: '2026-12-01', values: { s0: 0, s1: 0 } },
        { period: '2026-12-02', values: { s0: 2, s1: 1 } },
        { period: '2026-12-03', values: { s0: 4, s1: 0 } },
      ],
    });
  });
});
