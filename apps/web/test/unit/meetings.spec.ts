import type { AuditEvent, Meeting } from '@cardcoop/contracts';
import { describe, expect, it } from 'vitest';
import { isKnownEvent } from '../../src/areas/id/security/audit-event-text.js';
import { dayKey } from '../../src/areas/member/meetings/meeting-time.js';
import {
  addMonths,
  byDay,
  monthWeeks,
  movedDay,
} from '../../src/areas/member/meetings/month-grid.js';

const event = (type: string): AuditEvent => ({
  seq: 1,
  type,
  at: '2027-03-01T10:00:00Z',
  data: {},
});

describe('meetings in the security history', () => {
  it.each(['meeting.attendance', 'calendar_feed.created', 'calendar_feed.revoked'])(
    '%s has words (it is listed, not dropped as unknown)',
    (type) => expect(isKnownEvent(event(type))).toBe(true),
  );
});

describe('the month calendar grid', () => {
  it('lays a month out in Monday-first weeks, days outside it empty', () => {
    // March 2027 starts on a Monday and has 31 days: 5 weeks, the last with 3 days.
    const weeks = monthWeeks(new Date(2027, 2, 1));
    expect(weeks).toHaveLength(5);
    expect(weeks[0]?.[0]?.getDate()).toBe(1);
    expect(weeks[4]?.filter(Boolean)).toHaveLength(3);
    // December 2026 starts on a Tuesday: one empty cell first.
    const december = monthWeeks(new Date(2026, 11, 1));
    expect(december[0]?.[0]).toBeNull();
    expect(december[0]?.[1]?.getDate()).toBe(1);
  });

  it('moves the selected day by the keys, across months, keeping the day inside a shorter month', () => {
    const day = new Date(2027, 0, 31); // a Sunday
    const moved = (key: string) => dayKey(movedDay(day, key) ?? new Date(0));
    expect(moved('ArrowRight')).toBe('2027-02-01');
    expect(moved('ArrowLeft')).toBe('2027-01-30');
    expect(moved('ArrowDown')).toBe('2027-02-07');
    expect(moved('ArrowUp')).toBe('2027-01-24');
    expect(moved('Home')).toBe('2027-01-25');
    expect(moved('End')).toBe('2027-01-31');
    expect(moved('PageDown')).toBe('2027-02-28');
    expect(moved('PageUp')).toBe('2026-12-31');
    expect(movedDay(day, 'Enter')).toBeUndefined();
    expect(dayKey(addMonths(new Date(2028, 0, 31), 1))).toBe('2028-02-29');
  });

  it('groups meetings by the local day they start on', () => {
    const meeting = (id: string, starts_at: string) => ({ id, starts_at }) as Meeting;
    const days = byDay([
      meeting('a', new Date(2027, 2, 10, 18, 30).toISOString()),
      meeting('b', new Date(2027, 2, 10, 9, 0).toISOString()),
      meeting('c', new Date(2027, 2, 11, 0, 0).toISOString()),
    ]);
    expect(days.get('2027-03-10')?.map((m) => m.id)).toEqual(['a', 'b']);
    expect(days.get('2027-03-11')?.map((m) => m.id)).toEqual(['c']);
  });
});
