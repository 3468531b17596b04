import type { IndividualCard, PublishMeeting } from '@cardcoop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberClient } from '../member/member-client.js';
import { coopScene } from '../testing/coop-scene.js';
import type { CoopScene } from '../testing/coop-scene.js';
import { errorCode } from '../testing/member-fixture.js';
import type { TestApp } from '../testing/member-fixture.js';
import { coopRequest } from './client-credentials.js';
import type { CoopCredentials } from './client-credentials.js';
import { cancelMeeting, listMeetings, meetingAttendance, publishMeeting } from './index.js';

/** The meetings round trip through the SDK, against the real server. */
const card: IndividualCard = {
  kind: 'individual',
  first_name: 'Иван',
  last_name: 'Петров',
  birthdate: '1990-04-12',
  full_address: 'г. Москва, ул. Тверская, д. 1, кв. 1',
  phone: '+79991234567',
  email: 'ivan@example.com',
};
const YEAR = new Date().getUTCFullYear() + 1;
const meeting: PublishMeeting = {
  kind: 'general_meeting',
  title: 'Общее собрание пайщиков',
  agenda: [{ title: 'Отчёт совета' }],
  starts_at: `${YEAR}-03-10T18:30:00+03:00`,
  ends_at: `${YEAR}-03-10T20:00:00+03:00`,
  time_zone: 'Europe/Moscow',
  place: 'Москва, ул. Тверская, 1',
};

let scene: CoopScene;
let server: TestApp;
let voskhod: CoopCredentials;
let member: MemberClient;
let username: string;

beforeAll(async () => {
  scene = await coopScene(card);
  ({ server, voskhod, member } = scene);
  username = (await member.card.createAccount('voskhod')).username;
  await coopRequest(voskhod, `/api/v1/coop/memberships/${username}`, { method: 'PUT' });
});
afterAll(() => scene.close());

describe('meetings through the SDK', () => {
  it('a cooperative publishes idempotently and lists its meetings', async () => {
    const published = await publishMeeting(voskhod, 'gm-1', meeting);
    expect(published).toMatchObject({ external_id: 'gm-1', revision: 1 });
    expect(await publishMeeting(voskhod, 'gm-1', meeting)).toEqual(published);
    const page = await listMeetings(voskhod, { limit: 10 });
    expect(page).toEqual({ meetings: [published], next: null });
  });

  it('refuses an invalid meeting before sending it, and wrong credentials', async () => {
    await expect(
      publishMeeting(voskhod, 'gm-bad', { ...meeting, time_zone: 'Mars/Olympus' }),
    ).rejects.toThrow(TypeError);
    expect(await errorCode(listMeetings({ ...voskhod, clientSecret: 'not the secret' }))).toBe(
      'UNAUTHORIZED',
    );
    expect(await errorCode(cancelMeeting(voskhod, 'never-published'))).toBe('NOT_FOUND');
  });

  it('a member lists, reads and answers; the cooperative sees the username', async () => {
    const { meetings } = await member.meetings.list({
      from: `${YEAR}-03-01T00:00:00+03:00`,
      to: `${YEAR}-04-01T00:00:00+03:00`,
    });
    expect(meetings.map((m) => [m.display_name, m.title])).toEqual([
      ['ПК ВОСХОД', 'Общее собрание пайщиков'],
    ]);
    const id = meetings[0]!.id;
    expect((await member.meetings.get(id)).my_attendance).toBeNull();
    expect((await member.meetings.setAttendance(id, 'going')).attendance.going).toBe(1);
    expect(await meetingAttendance(voskhod, 'gm-1')).toMatchObject({
      counts: { going: 1, not_going: 0, maybe: 0 },
      answers: [{ username, answer: 'going' }],
    });
    await cancelMeeting(voskhod, 'gm-1');
    expect((await member.meetings.get(id)).cancelled_at).not.toBeNull();
    expect(await errorCode(member.meetings.setAttendance(id, 'maybe'))).toBe('ATTENDANCE_CLOSED');
    expect(await errorCode(member.meetings.get('00000000-0000-4000-8000-000000000000'))).toBe(
      'NOT_FOUND',
    );
  });

  it('creates, rotates and revokes the calendar feed', async () => {
    const first = await member.meetings.createCalendarFeed();
    const second = await member.meetings.createCalendarFeed();
    expect(second.url).not.toBe(first.url);
    const feed = (url: string) => globalThis.fetch(`${server.url}${new URL(url).pathname}`);
    expect((await feed(first.url)).status).toBe(404);
    const body = await (await feed(second.url)).text();
    expect(body).toContain('STATUS:CANCELLED');
    await member.meetings.revokeCalendarFeed();
    expect((await feed(second.url)).status).toBe(404);
    expect(await errorCode(member.meetings.revokeCalendarFeed())).toBe('NOT_FOUND');
  });
});
