import type { Meeting } from '@cardcoop/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

type Times = Pick<Meeting, 'starts_at' | 'ends_at' | 'time_zone'>;

const WALL: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
};

/** `YYYY-MM-DD` of an instant on the member's own calendar (the browser's zone). */
export function dayKey(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The local midnight a `YYYY-MM-DD` key names; null for anything else. */
export function parseDayKey(key: string | null): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key ?? '');
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * How the member reads a meeting's times: in their language and their own zone, plus the
 * wall-clock time where the meeting happens when that differs ("18:30 Екатеринбург").
 */
export function useMeetingTime() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const language = i18n.language;
    const full = new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' });
    const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });
    const local = new Intl.DateTimeFormat(language, WALL);
    /** "среда, 10 марта 2027 г. в 16:30 – 18:00". */
    const when = ({ starts_at, ends_at }: Times) => {
      const starts = new Date(starts_at);
      const ends = new Date(ends_at);
      const end = dayKey(starts) === dayKey(ends) ? time.format(ends) : date.format(ends);
      return `${full.format(starts)} – ${end}`;
    };
    /** The start where the meeting happens, with its zone's name; null when the same as here. */
    const ownZone = ({ starts_at, time_zone }: Times): string | null => {
      const starts = new Date(starts_at);
      const there = new Intl.DateTimeFormat(language, { ...WALL, timeZone: time_zone });
      if (there.format(starts) === local.format(starts)) return null;
      return new Intl.DateTimeFormat(language, {
        ...WALL,
        timeZone: time_zone,
        timeZoneName: 'long',
      }).format(starts);
    };
    return { when, ownZone, date: (value: string) => date.format(new Date(value)) };
  }, [i18n.language]);
}
