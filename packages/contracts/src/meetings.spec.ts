import { describe, expect, it } from 'vitest';
import { isTimeZone, meetingInputSchema, meetingListQuerySchema } from './meetings.js';

const meeting = {
  kind: 'general_meeting',
  title: 'Общее собрание',
  starts_at: '2027-03-10T18:30:00+03:00',
  ends_at: '2027-03-10T20:00:00+03:00',
  time_zone: 'Europe/Moscow',
  place: 'Москва',
};

const issuesOf = (input: unknown) =>
  meetingInputSchema.safeParse(input).error?.issues.map((issue) => issue.path.join('.')) ?? [];

describe('meeting contracts', () => {
  it('knows IANA time zones through Intl', () => {
    expect(isTimeZone('Europe/Moscow')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('accepts a meeting and fills empty agenda and documents', () => {
    expect(meetingInputSchema.parse(meeting)).toMatchObject({ agenda: [], documents: [] });
    expect(
      issuesOf({ ...meeting, place: undefined, online_url: 'https://meet.example/a' }),
    ).toEqual([]);
  });

  it('refuses times without an offset, a wrong order, and a late deadline', () => {
    expect(issuesOf({ ...meeting, starts_at: '2027-03-10T18:30:00' })).toEqual(['starts_at']);
    expect(issuesOf({ ...meeting, ends_at: meeting.starts_at })).toEqual(['ends_at']);
    expect(issuesOf({ ...meeting, registration_deadline: '2027-03-10T18:31:00+03:00' })).toEqual([
      'registration_deadline',
    ]);
    expect(issuesOf({ ...meeting, registration_deadline: meeting.starts_at })).toEqual([]);
  });

  it('requires a place or an https link, and https documents', () => {
    expect(issuesOf({ ...meeting, place: undefined })).toEqual(['place']);
    expect(issuesOf({ ...meeting, online_url: 'http://meet.example/a' })).toEqual(['online_url']);
    expect(
      issuesOf({ ...meeting, documents: [{ title: 'a', url: 'javascript:alert(1)' }] }),
    ).toEqual(['documents.0.url']);
  });

  it('refuses a calendar span that ends before it starts', () => {
    const query = { from: '2027-04-01T00:00:00Z', to: '2027-03-01T00:00:00Z' };
    expect(meetingListQuerySchema.safeParse(query).success).toBe(false);
    expect(meetingListQuerySchema.parse({})).toMatchObject({ when: 'upcoming', limit: 50 });
  });
});
