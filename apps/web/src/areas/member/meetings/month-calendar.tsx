import {
  ActionIcon,
  Box,
  Group,
  Stack,
  Text,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import type { Meeting } from '@cardcoop/contracts';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoaded } from '../../id/card/use-loaded';
import { useMember } from '../../id/session/require-unlocked';
import { HomeSection } from '../home-section';
import { sectionState } from '../section-state';
import classes from './month-calendar.module.css';
import { MeetingLines } from './meeting-line';
import { dayKey } from './meeting-time';
import { addDays, addMonths, byDay, monthOf, monthWeeks, movedDay } from './month-grid';

/** Meetings a month asks for: the API's largest page; more are noted, the lists have them all. */
const MONTH_LIMIT = 200;
/** Dots a day shows at most; the day's list below has them all. */
const DOTS = 3;
/** A Monday, to name the weekdays in the member's language. */
const MONDAY = new Date(2024, 0, 1);

interface MonthCalendarProps {
  /** The selected day (local midnight); its month is the one shown. */
  day: Date;
  onDay: (day: Date) => void;
}

/**
 * A month of meetings: each day is a button (arrow keys, Home/End, Page Up/Down move between
 * days), a day with meetings shows dots (and titles on wide screens), and the selected day's
 * meetings are listed under the month.
 */
export function MonthCalendar({ day, onDay }: MonthCalendarProps) {
  const { t, i18n } = useTranslation('member');
  const member = useMember();
  const month = monthOf(day);
  const year = day.getFullYear();
  const monthIndex = day.getMonth();
  const load = useCallback(
    () =>
      member.meetings.list({
        when: 'all',
        from: new Date(year, monthIndex, 1).toISOString(),
        to: new Date(year, monthIndex + 1, 1).toISOString(),
        limit: MONTH_LIMIT,
      }),
    [member, year, monthIndex],
  );
  const { state, reload } = useLoaded(load);
  const days = useMemo(() => byDay(state.status === 'ready' ? state.value.meetings : []), [state]);

  const formats = useMemo(
    () => ({
      month: new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric' }),
      long: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }),
      weekday: new Intl.DateTimeFormat(i18n.language, { weekday: 'short' }),
      weekdayLong: new Intl.DateTimeFormat(i18n.language, { weekday: 'long' }),
    }),
    [i18n.language],
  );

  // Focus follows the keyboard to the newly selected day (also across months).
  const grid = useRef<HTMLTableElement>(null);
  const keyed = useRef(false);
  const selected = dayKey(day);
  useEffect(() => {
    if (!keyed.current) return;
    keyed.current = false;
    grid.current?.querySelector<HTMLButtonElement>(`[data-day="${selected}"]`)?.focus();
  }, [selected, state]);
  const onKeyDown = (event: KeyboardEvent) => {
    const moved = movedDay(day, event.key);
    if (!moved) return;
    event.preventDefault();
    keyed.current = true;
    onDay(moved);
  };

  const label = (date: Date, meetings: Meeting[]) =>
    meetings.length === 0
      ? t('meetings.calendar.dayNone', { date: formats.long.format(date) })
      : t('meetings.calendar.day', { date: formats.long.format(date), count: meetings.length });
  const titleId = 'meetings-month-title';

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="nowrap">
        <ActionIcon
          variant="default"
          size="lg"
          aria-label={t('meetings.calendar.previous')}
          onClick={() => onDay(addMonths(day, -1))}
        >
          ‹
        </ActionIcon>
        <Title order={2} size="h3" id={titleId} aria-live="polite">
          {formats.month.format(month)}
        </Title>
        <ActionIcon
          variant="default"
          size="lg"
          aria-label={t('meetings.calendar.next')}
          onClick={() => onDay(addMonths(day, 1))}
        >
          ›
        </ActionIcon>
      </Group>
      <Text size="sm" c="dimmed" id="meetings-month-hint">
        {t('meetings.calendar.hint')}
      </Text>
      <table
        ref={grid}
        className={classes.grid}
        aria-labelledby={titleId}
        aria-describedby="meetings-month-hint"
        onKeyDown={onKeyDown}
      >
        <thead>
          <tr>
            {Array.from({ length: 7 }, (_, index) => {
              const weekday = addDays(MONDAY, index);
              return (
                <th key={index} scope="col" abbr={formats.weekdayLong.format(weekday)}>
                  {formats.weekday.format(weekday)}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(month).map((week, index) => (
            <tr key={index}>
              {week.map((date, cell) => {
                if (!date) return <td key={cell} />;
                const key = dayKey(date);
                const meetings = days.get(key) ?? [];
                return (
                  <td key={cell}>
                    <UnstyledButton
                      className={classes.day}
                      data-day={key}
                      data-today={key === dayKey(new Date()) || undefined}
                      aria-pressed={key === selected}
                      tabIndex={key === selected ? 0 : -1}
                      onClick={() => onDay(date)}
                    >
                      {/* Named by the hidden sentence: a date and how many meetings. */}
                      <VisuallyHidden>{label(date, meetings)}</VisuallyHidden>
                      <span className={classes.number} aria-hidden>
                        {date.getDate()}
                      </span>
                      <span className={classes.dots} aria-hidden>
                        {meetings.slice(0, DOTS).map((meeting) => (
                          <span
                            key={meeting.id}
                            className={classes.dot}
                            data-cancelled={meeting.cancelled_at ? true : undefined}
                          />
                        ))}
                      </span>
                      {meetings.slice(0, 2).map((meeting) => (
                        <Box
                          key={meeting.id}
                          component="span"
                          visibleFrom="md"
                          className={classes.title}
                          aria-hidden
                        >
                          {meeting.title}
                        </Box>
                      ))}
                    </UnstyledButton>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {state.status === 'ready' && state.value.next !== null && (
        <Text size="sm" role="status" data-testid="meetings-month-more">
          {t('meetings.calendar.more', { limit: MONTH_LIMIT })}
        </Text>
      )}
      <HomeSection
        id="meetings-day"
        title={t('meetings.calendar.selected', { date: formats.long.format(day) })}
        failed={t('meetings.loadFailed')}
        lines={2}
        state={sectionState(state, reload)}
      >
        {() => {
          const meetings = days.get(selected) ?? [];
          return meetings.length === 0 ? (
            <Text c="dimmed">{t('meetings.calendar.noneThatDay')}</Text>
          ) : (
            <MeetingLines meetings={meetings} />
          );
        }}
      </HomeSection>
    </Stack>
  );
}
