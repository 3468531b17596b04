import type { Meeting } from '@cardcoop/contracts';
import { dayKey } from './meeting-time';

/** The first day of the month `date` is in (local midnight). */
export const monthOf = (date: Date) => new Date(date.getFullYear(), date.getMonth(), 1);

/** Local midnight of the day `date` is in. */
export const startOfDay = (date: Date) =>
  new Date(date.getFullYear(), date.getMonth(), date.getDate());

/** `date` moved by `days` days (calendar days, safe across daylight-saving changes). */
export const addDays = (date: Date, days: number) =>
  new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);

/** The same day `months` months later, kept inside the shorter month (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const last = new Date(date.getFullYear(), date.getMonth() + months + 1, 0).getDate();
  return new Date(date.getFullYear(), date.getMonth() + months, Math.min(date.getDate(), last));
}

/** The month's weeks, Monday first; days outside the month are null. */
export function monthWeeks(month: Date): (Date | null)[][] {
  const lead = (month.getDay() + 6) % 7; // Monday = 0
  const days = new Date(month.getFullYear(), month.getMonth() + 1, 0).getDate();
  const cells: (Date | null)[] = [
    ...Array.from({ length: lead }, () => null),
    ...Array.from({ length: days }, (_, day) => addDays(month, day)),
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
}

/** Meetings by the day they start on the member's calendar. */
export function byDay(meetings: Meeting[]): Map<string, Meeting[]> {
  const days = new Map<string, Meeting[]>();
  for (const meeting of meetings) {
    const key = dayKey(new Date(meeting.starts_at));
    days.set(key, [...(days.get(key) ?? []), meeting]);
  }
  return days;
}

/** Where a key press moves the selected day; undefined for keys the calendar leaves alone. */
export function movedDay(day: Date, key: string): Date | undefined {
  const weekday = (day.getDay() + 6) % 7;
  const moves: Record<string, () => Date> = {
    ArrowLeft: () => addDays(day, -1),
    ArrowRight: () => addDays(day, 1),
    ArrowUp: () => addDays(day, -7),
    ArrowDown: () => addDays(day, 7),
    Home: () => addDays(day, -weekday),
    End: () => addDays(day, 6 - weekday),
    PageUp: () => addMonths(day, -1),
    PageDown: () => addMonths(day, 1),
  };
  return moves[key]?.();
}
