import ical, { ICalEventStatus } from 'ical-generator';
import type { MeetingRow } from './meetings.repository.js';

/** How long calendars should wait before fetching the feed again (also its Cache-Control). */
export const FEED_TTL_SECONDS = 300;

/**
 * The member's meetings as an iCalendar feed. Times are written in UTC (`DTSTART:…Z`): every
 * client reads the exact instant and shows it in its own zone, with no VTIMEZONE table that could
 * be older than the zone's rules; the meeting's own zone is named in the description. The UID is
 * stable per meeting and SEQUENCE is its revision, so a moved meeting updates the same entry and
 * a cancelled one shows as cancelled.
 */
export function meetingsCalendar(rows: (MeetingRow & { displayName: string })[]): string {
  const calendar = ical({
    name: 'card.coop',
    prodId: { company: 'card.coop', product: 'meetings', language: 'EN' },
    ttl: FEED_TTL_SECONDS,
  });
  for (const row of rows) {
    const input = row.input;
    calendar.createEvent({
      id: `${row.id}@card.coop`,
      sequence: row.revision,
      stamp: row.updatedAt,
      lastModified: row.updatedAt,
      start: row.startsAt,
      end: row.endsAt,
      summary: `${input.title} — ${row.displayName}`,
      description: describe(row),
      location: input.place ?? input.online_url ?? null,
      url: input.online_url ?? null,
      status: row.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/** The description, the agenda and the documents, as plain text. */
function describe(row: MeetingRow): string {
  const input = row.input;
  const lines = [input.description ?? '', `Time zone: ${input.time_zone}`];
  if (input.agenda.length > 0) {
    lines.push('', 'Agenda:');
    input.agenda.forEach((item, index) => {
      const speaker = item.speaker ? ` (${item.speaker})` : '';
      lines.push(`${index + 1}. ${item.title}${speaker}`);
      if (item.description) lines.push(`   ${item.description}`);
    });
  }
  if (input.documents.length > 0) {
    lines.push('', 'Documents:', ...input.documents.map((d) => `${d.title}: ${d.url}`));
  }
  if (input.online_url && input.place) lines.push('', `Online: ${input.online_url}`);
  return lines.join('\n').trim();
}
