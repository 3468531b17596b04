import { PrivateKey } from '@wharfkit/antelope';
import ical from 'node-ical';
import type { VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLogSchema,
  calendarFeedSchema,
  coopAttendanceSchema,
  coopMeetingListSchema,
  coopMeetingSchema,
  errorBodySchema,
  meetingListSchema,
  meetingSchema,
} from '@cardcoop/contracts';
import type { MeetingInput } from '@cardcoop/contracts';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { openApiDocument } from '../support/openapi-document.js';
import { fakeEnvelope, post, registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/**
 * Meetings end to end: a cooperative publishes (idempotently), updates and cancels them over its
 * API and sees only its own; its confirmed members — and no one else — list them, answer, and
 * subscribe to a secret iCal feed that an independent parser (node-ical) reads at the right times.
 */
let server: TestApp;
const secrets: Record<string, string> = {};
const tokens: Record<string, string> = {};

const YEAR = new Date().getUTCFullYear() + 1;
/** 18:30 in Moscow (UTC+3, no DST) is 15:30 UTC. */
const moscowMeeting: MeetingInput = {
  kind: 'general_meeting',
  title: 'Общее собрание пайщиков',
  description: 'Годовое собрание',
  agenda: [
    { title: 'Отчёт совета', speaker: 'Председатель' },
    { title: 'Утверждение сметы', description: 'Смета на следующий год' },
  ],
  starts_at: `${YEAR}-03-10T18:30:00+03:00`,
  ends_at: `${YEAR}-03-10T20:00:00+03:00`,
  time_zone: 'Europe/Moscow',
  place: 'Москва, ул. Тверская, 1',
  online_url: 'https://meet.example/voskhod',
  documents: [{ title: 'Смета', url: 'https://voskhod.example/docs/budget.pdf' }],
  registration_deadline: `${YEAR}-03-09T21:00:00+03:00`,
};
const utcEvent: MeetingInput = {
  kind: 'event',
  title: 'Online meetup',
  agenda: [],
  documents: [],
  starts_at: `${YEAR}-04-01T09:00:00Z`,
  ends_at: `${YEAR}-04-01T10:00:00Z`,
  time_zone: 'UTC',
  online_url: 'https://meet.example/meetup',
};
/** Starts in a year, but its registration closed yesterday. */
const deadlinePassed: MeetingInput = {
  ...utcEvent,
  title: 'Closed registration',
  registration_deadline: new Date(Date.now() - 86_400_000).toISOString(),
};

const basic = (coopname: string) =>
  `Basic ${Buffer.from(`${coopname}:${secrets[coopname]}`).toString('base64')}`;

const coopCall = (coopname: string, method: string, path: string, body?: unknown) =>
  fetch(`${server.url}/api/v1/coop/meetings${path}`, {
    method,
    headers: {
      authorization: basic(coopname),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const memberCall = (member: string, method: string, path: string, body?: unknown) =>
  fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens[member]}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const publish = async (coopname: string, externalId: string, input: MeetingInput) => {
  const response = await coopCall(coopname, 'PUT', `/${externalId}`, input);
  expect(response.status).toBe(200);
  return coopMeetingSchema.parse(await response.json());
};

const coopList = async (coopname: string) =>
  coopMeetingListSchema.parse(await (await coopCall(coopname, 'GET', '')).json()).meetings;

const memberList = async (member: string, query = '') =>
  meetingListSchema.parse(await (await memberCall(member, 'GET', `/meetings${query}`)).json())
    .meetings;

async function addAccount(member: string, coopname: string, username: string): Promise<void> {
  const account = {
    coopname,
    username,
    public_key: PrivateKey.generate('K1').toPublic().toString(),
    encrypted_private_key: fakeEnvelope(username),
  };
  const response = await post(server.url, '/api/v1/card/add-account', account, tokens[member]);
  expect(response.status).toBe(201);
}

async function confirm(coopname: string, username: string): Promise<void> {
  const response = await fetch(`${server.url}/api/v1/coop/memberships/${username}`, {
    method: 'PUT',
    headers: { authorization: basic(coopname) },
  });
  expect(response.status).toBe(204);
}

/** The feed URL names PUBLIC_URL (unset here: localhost on the configured port): same path here. */
const fetchFeed = (url: string) => fetch(`${server.url}${new URL(url).pathname}`);

async function feedEvents(url: string): Promise<VEvent[]> {
  const response = await fetchFeed(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
  expect(response.headers.get('cache-control')).toBe('private, max-age=300');
  const parsed = ical.sync.parseICS(await response.text());
  return Object.values(parsed).filter((c): c is VEvent => c?.type === 'VEVENT');
}

beforeAll(async () => {
  server = await startTestApp();
  const cooperatives = server.app.get(CooperativesService);
  for (const [coopname, displayName] of [
    ['voskhod', 'ПК ВОСХОД'],
    ['othercoop', 'ПК Другой'],
  ] as const) {
    secrets[coopname] = (await cooperatives.create({ coopname, displayName })).clientSecret;
  }
  for (const member of ['anna', 'boris', 'clara']) {
    tokens[member] = (
      await registerRaw(server.url, `${member}.meetings@coop.example`, `${member} password`)
    ).tokens.access_token;
  }
  // anna: confirmed in voskhod, an applicant in othercoop.
  await addAccount('anna', 'voskhod', 'annavoskhodx');
  await confirm('voskhod', 'annavoskhodx');
  await addAccount('anna', 'othercoop', 'annaotherxxx');
  // boris: an applicant in voskhod; clara: confirmed in voskhod, then closed her account.
  await addAccount('boris', 'voskhod', 'borisvoskhod');
  await addAccount('clara', 'voskhod', 'claravoskhod');
  await confirm('voskhod', 'claravoskhod');
  expect(
    (await post(server.url, '/api/v1/card/close-account', { coopname: 'voskhod' }, tokens.clara))
      .status,
  ).toBe(204);
});
afterAll(() => server.close());

describe('meetings: the cooperative API', () => {
  it('publishes idempotently; another body is a new revision', async () => {
    const first = await publish('voskhod', 'gm-2027', moscowMeeting);
    expect(first).toMatchObject({
      external_id: 'gm-2027',
      revision: 1,
      starts_at: moscowMeeting.starts_at,
      time_zone: 'Europe/Moscow',
      cancelled_at: null,
    });
    expect(await publish('voskhod', 'gm-2027', moscowMeeting)).toEqual(first);
    const moved = await publish('voskhod', 'gm-2027', { ...moscowMeeting, title: 'Собрание' });
    expect(moved).toMatchObject({ id: first.id, revision: 2, title: 'Собрание' });
    expect(await publish('voskhod', 'gm-2027', moscowMeeting)).toMatchObject({ revision: 3 });
    expect((await coopList('voskhod')).map((m) => m.external_id)).toEqual(['gm-2027']);
  });

  it('refuses an invalid meeting with 422 and the offending fields, writing nothing', async () => {
    const response = await coopCall('voskhod', 'PUT', '/bad-one', {
      ...moscowMeeting,
      ends_at: `${YEAR}-03-10T18:00:00+03:00`,
      time_zone: 'Europe/Atlantis',
      documents: [{ title: 'Смета', url: 'http://voskhod.example/docs/budget.pdf' }],
    });
    expect(response.status).toBe(422);
    const body = errorBodySchema.parse(await response.json());
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details?.map((d) => d.path).sort()).toEqual([
      'documents.0.url',
      'ends_at',
      'time_zone',
    ]);
    const withoutOffset = await coopCall('voskhod', 'PUT', '/bad-one', {
      ...moscowMeeting,
      starts_at: `${YEAR}-03-10T18:30:00`,
    });
    expect(withoutOffset.status).toBe(422);
    expect((await coopCall('voskhod', 'PUT', '/bad%20id', moscowMeeting)).status).toBe(422);
    expect((await coopList('voskhod')).map((m) => m.external_id)).toEqual(['gm-2027']);
  });

  it("never lets one cooperative update, cancel or read the answers of another's meeting", async () => {
    const original = (await coopList('voskhod'))[0]!;
    // The same external id from another cooperative is that cooperative's own meeting.
    const theirs = await publish('othercoop', 'gm-2027', { ...utcEvent, title: 'Hijack' });
    expect(theirs.id).not.toBe(original.id);
    expect((await coopList('voskhod'))[0]).toEqual(original);
    await publish('voskhod', 'only-voskhod', utcEvent);
    expect((await coopCall('othercoop', 'DELETE', '/only-voskhod')).status).toBe(404);
    expect((await coopCall('othercoop', 'GET', '/only-voskhod/attendance')).status).toBe(404);
    expect((await coopList('othercoop')).map((m) => m.title)).toEqual(['Hijack']);
    const unauthenticated = await fetch(`${server.url}/api/v1/coop/meetings`);
    expect(unauthenticated.status).toBe(401);
  });

  it('cancels a meeting: kept, marked, a new revision; again is a no-op; unknown is 404', async () => {
    await publish('voskhod', 'to-cancel', { ...utcEvent, title: 'To cancel' });
    expect((await coopCall('voskhod', 'DELETE', '/to-cancel')).status).toBe(204);
    expect((await coopCall('voskhod', 'DELETE', '/to-cancel')).status).toBe(204);
    const cancelled = (await coopList('voskhod')).find((m) => m.external_id === 'to-cancel');
    expect(cancelled).toMatchObject({ revision: 2 });
    expect(cancelled?.cancelled_at).not.toBeNull();
    expect((await coopCall('voskhod', 'DELETE', '/never-was')).status).toBe(404);
  });
  it("pages the cooperative's list, latest start first", async () => {
    const all = await coopList('voskhod');
    const starts = all.map((m) => Date.parse(m.starts_at));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    const first = coopMeetingListSchema.parse(
      await (await coopCall('voskhod', 'GET', '?limit=2')).json(),
    );
    const rest = coopMeetingListSchema.parse(
      await (await coopCall('voskhod', 'GET', `?limit=2&after=${first.next}`)).json(),
    );
    expect([...first.meetings, ...rest.meetings].map((m) => m.id)).toEqual(all.map((m) => m.id));
    expect((await coopCall('voskhod', 'GET', '?after=bm9wZQ')).status).toBe(422);
  });
});

describe('meetings: what members see', () => {
  it('shows a confirmed member the meetings of their cooperatives only', async () => {
    const listed = await memberList('anna', '?when=all');
    expect(listed.map((m) => m.title).sort()).toEqual(
      ['Online meetup', 'To cancel', 'Общее собрание пайщиков'].sort(),
    );
    expect(listed.every((m) => m.coopname === 'voskhod' && m.display_name === 'ПК ВОСХОД')).toBe(
      true,
    );
    const march = await memberList(
      'anna',
      `?from=${YEAR}-03-01T00:00:00%2B03:00&to=${YEAR}-04-01T00:00:00%2B03:00`,
    );
    expect(march.map((m) => m.title)).toEqual(['Общее собрание пайщиков']);
  });

  it('shows nothing to an applicant or a closed account, and 404 on their reads', async () => {
    const meeting = (await memberList('anna'))[0]!;
    for (const member of ['boris', 'clara']) {
      expect(await memberList(member, '?when=all')).toEqual([]);
      expect((await memberCall(member, 'GET', `/meetings/${meeting.id}`)).status).toBe(404);
      const answer = await memberCall(member, 'PUT', `/meetings/${meeting.id}/attendance`, {
        answer: 'going',
      });
      expect(answer.status).toBe(404);
    }
    // anna is only an applicant in othercoop: its meeting is not hers to see.
    const theirs = (await coopList('othercoop'))[0]!;
    expect((await memberCall('anna', 'GET', `/meetings/${theirs.id}`)).status).toBe(404);
  });

  it("hides a suspended cooperative's meetings from its members", async () => {
    const cooperatives = server.app.get(CooperativesService);
    const { cooperative, clientSecret } = await cooperatives.create({
      coopname: 'sleepycoop',
      displayName: 'ПК Сонный',
    });
    secrets.sleepycoop = clientSecret;
    await addAccount('anna', 'sleepycoop', 'annasleepyxx');
    await confirm('sleepycoop', 'annasleepyxx');
    const sleepy = await publish('sleepycoop', 'gm', { ...utcEvent, title: 'Sleepy meeting' });
    expect((await memberCall('anna', 'GET', `/meetings/${sleepy.id}`)).status).toBe(200);
    await cooperatives.update('sleepycoop', cooperative.revision, { status: 'suspended' });
    expect((await memberCall('anna', 'GET', `/meetings/${sleepy.id}`)).status).toBe(404);
    expect((await memberList('anna', '?when=all')).map((m) => m.coopname)).not.toContain(
      'sleepycoop',
    );
  });

  it('pages the list with a keyset cursor', async () => {
    const first = meetingListSchema.parse(
      await (await memberCall('anna', 'GET', '/meetings?when=all&limit=2')).json(),
    );
    expect(first.meetings).toHaveLength(2);
    const rest = await memberList('anna', `?when=all&limit=2&after=${first.next}`);
    expect([...first.meetings, ...rest].map((m) => m.id)).toEqual(
      (await memberList('anna', '?when=all')).map((m) => m.id),
    );
    expect((await memberCall('anna', 'GET', '/meetings?after=nonsense')).status).toBe(422);
  });

  it('records attendance with an audit event; the cooperative sees usernames only', async () => {
    const meeting = (await memberList('anna')).find((m) => m.kind === 'general_meeting')!;
    expect(meeting).toMatchObject({ my_attendance: null, attendance_open: true });
    const answered = await memberCall('anna', 'PUT', `/meetings/${meeting.id}/attendance`, {
      answer: 'going',
    });
    expect(answered.status).toBe(200);
    expect(meetingSchema.parse(await answered.json())).toMatchObject({
      my_attendance: 'going',
      attendance: { going: 1, not_going: 0, maybe: 0 },
    });
    const changed = await memberCall('anna', 'PUT', `/meetings/${meeting.id}/attendance`, {
      answer: 'maybe',
    });
    expect(meetingSchema.parse(await changed.json()).attendance).toEqual({
      going: 0,
      not_going: 0,
      maybe: 1,
    });
    const attendance = coopAttendanceSchema.parse(
      await (await coopCall('voskhod', 'GET', '/gm-2027/attendance')).json(),
    );
    expect(attendance.counts).toEqual({ going: 0, not_going: 0, maybe: 1 });
    expect(attendance.answers.map((a) => Object.keys(a).sort())).toEqual([
      ['answer', 'answered_at', 'username'],
    ]);
    expect(attendance.answers[0]).toMatchObject({ username: 'annavoskhodx', answer: 'maybe' });
    const audit = auditLogSchema.parse(await (await memberCall('anna', 'GET', '/audit')).json());
    expect(
      audit.events.filter((e) => e.type === 'meeting.attendance').map((e) => e.data.answer),
    ).toEqual(['maybe', 'going']);
    const invalid = await memberCall('anna', 'PUT', `/meetings/${meeting.id}/attendance`, {
      answer: 'perhaps',
    });
    expect(invalid.status).toBe(422);
  });

  it('closes attendance after the registration deadline and for a cancelled meeting', async () => {
    await publish('voskhod', 'deadline-passed', deadlinePassed);
    for (const title of ['Closed registration', 'To cancel']) {
      const meeting = (await memberList('anna', '?when=all')).find((m) => m.title === title)!;
      expect(meeting.attendance_open).toBe(false);
      const response = await memberCall('anna', 'PUT', `/meetings/${meeting.id}/attendance`, {
        answer: 'going',
      });
      expect(response.status).toBe(409);
      expect(errorBodySchema.parse(await response.json()).code).toBe('ATTENDANCE_CLOSED');
    }
  });
});

describe('meetings: the calendar feed', () => {
  it('serves the meetings at the right instants to an independent parser', async () => {
    const created = await memberCall('anna', 'POST', '/meetings/calendar-feed');
    expect(created.status).toBe(201);
    const { url } = calendarFeedSchema.parse(await created.json());
    expect(url).toMatch(/\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const events = await feedEvents(url);
    const byTitle = (title: string) => events.find((e) => String(e.summary).startsWith(title))!;
    const moscow = (await memberList('anna')).find((m) => m.kind === 'general_meeting')!;
    const gm = byTitle('Общее собрание пайщиков');
    expect(gm.uid).toBe(`${moscow.id}@card.coop`);
    expect(gm.start.toISOString()).toBe(`${YEAR}-03-10T15:30:00.000Z`);
    expect(gm.end?.toISOString()).toBe(`${YEAR}-03-10T17:00:00.000Z`);
    expect(Number(gm.sequence)).toBe(moscow.revision);
    expect(String(gm.location)).toBe('Москва, ул. Тверская, 1');
    expect(String(gm.description)).toContain('1. Отчёт совета (Председатель)');
    expect(gm.status).toBe('CONFIRMED');
    const utc = byTitle('Online meetup');
    expect(utc.start.toISOString()).toBe(`${YEAR}-04-01T09:00:00.000Z`);
    expect(byTitle('To cancel').status).toBe('CANCELLED');
    expect(events.some((e) => String(e.summary).startsWith('Hijack'))).toBe(false);
  });

  it('rotating ends the old URL; revoking ends the feed; unknown tokens are 404', async () => {
    const first = calendarFeedSchema.parse(
      await (await memberCall('anna', 'POST', '/meetings/calendar-feed')).json(),
    );
    const second = calendarFeedSchema.parse(
      await (await memberCall('anna', 'POST', '/meetings/calendar-feed')).json(),
    );
    expect((await fetchFeed(first.url)).status).toBe(404);
    expect((await fetchFeed(second.url)).status).toBe(200);
    expect((await memberCall('anna', 'DELETE', '/meetings/calendar-feed')).status).toBe(204);
    expect((await fetchFeed(second.url)).status).toBe(404);
    expect((await memberCall('anna', 'DELETE', '/meetings/calendar-feed')).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/calendar/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/calendar/not-a-token`)).status).toBe(404);
  });

  it("a member's feed holds only their cooperatives' meetings", async () => {
    const { url } = calendarFeedSchema.parse(
      await (await memberCall('boris', 'POST', '/meetings/calendar-feed')).json(),
    );
    expect(await feedEvents(url)).toEqual([]);
  });
});

describe('meetings in OpenAPI', () => {
  it('documents every operation with its parameters and the right security', async () => {
    const document = await openApiDocument(server);
    const operation = (path: string, method: string) => document.paths[`/api/v1${path}`]?.[method];
    const parameters = (path: string, method: string) =>
      operation(path, method)?.parameters?.map((p) => p.name) ?? [];
    for (const [path, method] of [
      ['/coop/meetings', 'get'],
      ['/coop/meetings/{external_id}', 'put'],
      ['/coop/meetings/{external_id}', 'delete'],
      ['/coop/meetings/{external_id}/attendance', 'get'],
    ] as const) {
      expect(operation(path, method)?.security).toEqual([{ basic: [] }]);
    }
    expect(parameters('/coop/meetings', 'get')).toEqual(expect.arrayContaining(['after', 'limit']));
    expect(parameters('/coop/meetings/{external_id}', 'put')).toContain('external_id');
    for (const [path, method] of [
      ['/meetings', 'get'],
      ['/meetings/{id}', 'get'],
      ['/meetings/{id}/attendance', 'put'],
      ['/meetings/calendar-feed', 'post'],
      ['/meetings/calendar-feed', 'delete'],
    ] as const) {
      expect(operation(path, method)?.security).toEqual([{ bearer: [] }]);
    }
    expect(parameters('/meetings', 'get')).toEqual(
      expect.arrayContaining(['when', 'from', 'to', 'after', 'limit']),
    );
    const feed = operation('/calendar/{file}', 'get');
    expect(feed?.security).toBeUndefined();
    expect(Object.keys(feed?.responses?.['200']?.content ?? {})).toEqual(['text/calendar']);
  });
});
