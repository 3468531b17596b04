import { describe, expect, it } from 'vitest';
import { instantOf, timeOf } from '../../src/areas/business/members/meeting-time.js';
import {
  lastDays,
  MAX_DAYS,
  parseRange,
  percentOf,
} from '../../src/areas/business/stats/stats-range.js';

describe('business statistics: the range', () => {
  it('the last 30 days end today in the time zone asked for', () => {
    // 22:30 UTC on 5 December is already 6 December in Moscow.
    const now = new Date('2026-12-05T22:30:00Z');
    expect(lastDays(30, 'Europe/Moscow', now)).toEqual({ from: '2026-11-07', to: '2026-12-06' });
    expect(lastDays(30, 'UTC', now)).toEqual({ from: '2026-11-06', to: '2026-12-05' });
    expect(lastDays(1, 'UTC', now)).toEqual({ from: '2026-12-05', to: '2026-12-05' });
  });

  it('reads dates typed day first, as the mask gives them', () => {
    expect(parseRange('01122026', '31.12.2026')).toEqual({
      range: { from: '2026-12-01', to: '2026-12-31' },
    });
    expect(parseRange('05122026', '05122026')).toEqual({
      range: { from: '2026-12-05', to: '2026-12-05' },
    });
  });

  it('says which date is wrong: none such, incomplete, the end first, too long', () => {
    expect(parseRange('31022026', '01032026')).toEqual({ errors: { from: 'invalid' } });
    expect(parseRange('0112', '01122026')).toEqual({ errors: { from: 'invalid' } });
    expect(parseRange('01122026', '')).toEqual({ errors: { to: 'invalid' } });
    expect(parseRange('02122026', '01122026')).toEqual({ errors: { to: 'order' } });
    // 366 days pass (a leap year's), 367 do not.
    expect(parseRange('01012028', '31122028').range).toBeDefined();
    expect(MAX_DAYS).toBe(366);
    expect(parseRange('01012027', '02012028')).toEqual({ errors: { to: 'tooLong' } });
  });

  it('percentages of the funnel round to whole ones and are 0 without a whole', () => {
    expect(percentOf(2, 3)).toBe(67);
    expect(percentOf(3, 3)).toBe(100);
    expect(percentOf(0, 3)).toBe(0);
    expect(percentOf(2, 0)).toBe(0);
  });
});

describe('business members: a meeting typed by hand', () => {
  it('reads the time mask’s digits', () => {
    expect(timeOf('1800')).toBe('18:00');
    expect(timeOf('18:00')).toBe('18:00');
    expect(timeOf('18')).toBe('18');
  });

  it('makes an instant of a day and a time, and refuses times that are none', () => {
    const instant = instantOf('2027-12-20', '18:00');
    expect(instant).toBe(new Date(2027, 11, 20, 18, 0).toISOString());
    expect(instantOf('2027-12-20', '24:00')).toBeUndefined();
    expect(instantOf('2027-12-20', '18')).toBeUndefined();
    expect(instantOf('20.12.2027', '18:00')).toBeUndefined();
  });
});
