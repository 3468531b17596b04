import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  notificationListSchema,
  notificationPreferencesSchema,
  NOTIFICATION_TYPES,
} from '@cardcoop/contracts';
import type { NotificationList, NotificationPreferences } from '@cardcoop/contracts';
import { CACHE } from '../../src/infra/cache/cache.js';
import type { Cache } from '../../src/infra/cache/cache.js';
import { JobQueue } from '../../src/infra/jobs/job-queue.js';
import { NotificationService } from '../../src/modules/notifications/notification.service.js';
import { NotificationsRepository } from '../../src/modules/notifications/notifications.repository.js';
import { MEMBER_EVENTS_CHANNEL } from '../../src/modules/realtime/member-events.js';
import type { RoutedMemberEvent } from '../../src/modules/realtime/member-events.js';
import {
  createCooperative,
  notificationsApi,
  tokenMember,
  userIdOf,
} from '../support/notifications-scene.js';
import { enableTotpRaw } from '../support/raw-totp.js';
import { loginRaw, mailsTo } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const PASSWORD = 'notifications password';
let server: TestApp;
let notifications: NotificationService;

beforeAll(async () => {
  server = await startTestApp();
  notifications = server.app.get(NotificationService);
  await createCooperative(server, 'voskhod', 'ПК Восход');
  await createCooperative(server, 'othercoop', 'Other Coop');
});
afterAll(() => server.close());

const api = notificationsApi(() => server.url);
const list = async (token: string, query = ''): Promise<NotificationList> => {
  const response = await api(query, token);
  expect(response.status).toBe(200);
  return notificationListSchema.parse(await response.json());
};
const unread = async (token: string) =>
  ((await (await api('/unread-count', token)).json()) as { unread: number }).unread;
const member = (email: string) => tokenMember(server, email, PASSWORD);
const mailSubjects = async (email: string) => {
  await server.app.get(JobQueue).drain();
  return (await mailsTo(server.url, email)).map((mail) => mail.subject);
};

describe('the notification centre', () => {
  it('lists newest first with filters by type, cooperative and unread, in keyset pages', async () => {
    const { token, userId } = await member('centre.list@coop.example');
    await notifications.notify(userId, 'grant.shared', {}, { coopname: 'voskhod' });
    await notifications.notify(userId, 'grant.revoked', {}, { coopname: 'othercoop' });
    const meeting = {
      meeting_id: 'm-1',
      title: 'Общее собрание',
      starts_at: '2026-12-20T12:00:00+03:00',
    };
    await notifications.notify(userId, 'meeting.announced', meeting, { coopname: 'voskhod' });
    await notifications.notify(userId, 'security.totp_changed', { enabled: true });

    const all = await list(token);
    expect(all.notifications.map((n) => n.type)).toEqual([
      'security.totp_changed',
      'meeting.announced',
      'grant.revoked',
      'grant.shared',
    ]);
    expect(all.next_cursor).toBeNull();
    expect(all.notifications[1]).toMatchObject({
      coopname: 'voskhod',
      display_name: 'ПК Восход',
      data: meeting,
      read_at: null,
    });
    expect(all.notifications[0]).toMatchObject({ coopname: null, display_name: null });

    const byCoop = await list(token, '?coopname=voskhod');
    expect(byCoop.notifications.map((n) => n.type)).toEqual(['meeting.announced', 'grant.shared']);
    const byType = await list(token, '?type=grant.revoked');
    expect(byType.notifications.map((n) => n.coopname)).toEqual(['othercoop']);

    const first = await list(token, '?limit=3');
    expect(first.notifications).toHaveLength(3);
    const second = await list(token, `?limit=3&cursor=${first.next_cursor}`);
    expect(second).toEqual({ notifications: [all.notifications[3]], next_cursor: null });

    expect((await api('?limit=0', token)).status).toBe(422);
    expect((await api('?cursor=not-an-id', token)).status).toBe(422);
    expect((await api('?type=security.unknown', token)).status).toBe(422);
  });

  it('marks read by id and all at once, and counts the unread', async () => {
    const { token, userId } = await member('centre.read@coop.example');
    for (const coopname of ['voskhod', 'othercoop', 'voskhod'])
      await notifications.notify(userId, 'grant.read', {}, { coopname });
    expect(await unread(token)).toBe(3);
    const [newest] = (await list(token)).notifications;

    const marked = await api('/read', token, { method: 'POST', body: { ids: [newest!.id] } });
    expect(await marked.json()).toEqual({ marked: 1 });
    expect(await unread(token)).toBe(2);
    expect((await list(token, '?unread=true')).notifications.map((n) => n.id)).not.toContain(
      newest!.id,
    );
    const [read] = (await list(token)).notifications;
    expect(Date.parse(read!.read_at!)).toBeGreaterThan(0);

    const all = await api('/read-all', token, { method: 'POST' });
    expect(await all.json()).toEqual({ marked: 2 });
    expect(await unread(token)).toBe(0);
    expect((await api('/read', token, { method: 'POST', body: { ids: [] } })).status).toBe(422);
  });

  it('never shows or marks another member’s notifications (attack)', async () => {
    const alice = await member('centre.alice@coop.example');
    const mallory = await member('centre.mallory@coop.example');
    await notifications.notify(alice.userId, 'grant.shared', {}, { coopname: 'voskhod' });
    const [aliceNotice] = (await list(alice.token)).notifications;

    expect((await list(mallory.token)).notifications).toEqual([]);
    // Alice's id as a cursor shows Mallory nothing of Alice's.
    expect((await list(mallory.token, `?cursor=${aliceNotice!.id}`)).notifications).toEqual([]);
    const marked = await api('/read', mallory.token, {
      method: 'POST',
      body: { ids: [aliceNotice!.id] },
    });
    expect(await marked.json()).toEqual({ marked: 0 });
    expect(await (await api('/read-all', mallory.token, { method: 'POST' })).json()).toEqual({
      marked: 0,
    });
    expect(await unread(alice.token)).toBe(1);
    expect((await fetch(`${server.url}/api/v1/notifications`)).status).toBe(401);
  });

  it('writes a notice in its change’s transaction: a change that fails leaves none, nor its mail', async () => {
    const { email, token, userId } = await member('centre.atomic@coop.example');
    const events: RoutedMemberEvent[] = [];
    const stop = await server.app.get<Cache>(CACHE).subscribe(MEMBER_EVENTS_CHANNEL, (message) => {
      const routed = JSON.parse(message) as RoutedMemberEvent;
      if (routed.userId === userId && routed.event.type === 'notification') events.push(routed);
    });
    await expect(
      server.app.get(NotificationsRepository).transaction(async (tx) => {
        await notifications.notify(userId, 'grant.revoked', {}, { coopname: 'voskhod', tx });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await list(token)).notifications).toEqual([]);
    expect(await mailSubjects(email)).not.toContainEqual(expect.stringContaining('Восход'));

    // Turning 2FA on writes its notice with the change, the audit event and the change's mail.
    await enableTotpRaw(server.url, token, PASSWORD);
    const [notice] = (await list(token)).notifications;
    expect(notice).toMatchObject({ type: 'security.totp_changed', data: { enabled: true } });
    // The member's tabs hear of it once committed, and never of the notice that was rolled back.
    await vi.waitFor(() => expect(events).toHaveLength(1));
    expect(events[0]!.event).toEqual({ type: 'notification', notification_id: notice!.id });
    await stop();
  });
});

describe('notices of sign-ins', () => {
  it('a sign-in from a new device notifies and mails in the member’s language; a known device does not', async () => {
    const { email, token } = await member('centre.device@coop.example');
    const english = { 'accept-language': 'en' };
    const first = await loginRaw(server.url, email, PASSWORD, 'Firefox on Linux', english);
    expect(first.response.status).toBe(200);
    expect((await list(token)).notifications).toMatchObject([
      { type: 'security.new_device', data: { device: 'Firefox on Linux' }, coopname: null },
    ]);
    expect(await mailSubjects(email)).toContain('New sign-in to CARD.COOP');

    await loginRaw(server.url, email, PASSWORD, 'Firefox on Linux', english);
    expect((await list(token, '?type=security.new_device')).notifications).toHaveLength(1);

    // Later mails caused by a cooperative go out in the language the member last used.
    await notifications.notify(userIdOf(token), 'grant.read', {}, { coopname: 'othercoop' });
    expect(await mailSubjects(email)).toContain(
      'CARD.COOP: Other Coop read the data you shared with it.',
    );
  });
});

describe('notification preferences', () => {
  const read = async (token: string) =>
    notificationPreferencesSchema.parse(await (await api('/preferences', token)).json());
  const save = (token: string, body: NotificationPreferences) =>
    api('/preferences', token, { method: 'PUT', body });

  it('start all on at revision 0, save on the current revision, refuse a stale one with 409', async () => {
    const { token } = await member('prefs.revision@coop.example');
    const initial = await read(token);
    expect(initial.revision).toBe(0);
    expect(initial.daily_digest).toBe(false);
    for (const type of NOTIFICATION_TYPES)
      expect(initial.channels[type]).toEqual({ in_app: true, email: true, push: true });

    const wanted = structuredClone(initial);
    wanted.channels['grant.read'].email = false;
    const saved = await save(token, wanted);
    expect(saved.status).toBe(200);
    expect(notificationPreferencesSchema.parse(await saved.json())).toMatchObject({
      revision: 1,
      channels: { 'grant.read': { in_app: true, email: false, push: true } },
    });

    const stale = await save(token, { ...initial, daily_digest: true });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { code: string }).code).toBe('CONFLICT');
    expect((await read(token)).daily_digest).toBe(false);
  });

  it('refuse switching a security notice off with 422 SECURITY_NOTICE_REQUIRED', async () => {
    const { token } = await member('prefs.security@coop.example');
    const wanted = await read(token);
    wanted.channels['security.password_changed'].email = false;
    const refused = await save(token, wanted);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      code: 'SECURITY_NOTICE_REQUIRED',
      details: [{ path: 'channels.security.password_changed' }],
    });
    expect((await read(token)).revision).toBe(0);
  });

  it('are honoured: no mail when e-mail is off, no row when in-app is off, one digest a day', async () => {
    const { email, token, userId } = await member('prefs.honoured@coop.example');
    const wanted = await read(token);
    wanted.channels['grant.read'].email = false;
    wanted.channels['grant.revoked'].in_app = false;
    await save(token, wanted);

    await notifications.notify(userId, 'grant.read', {}, { coopname: 'voskhod' });
    await notifications.notify(userId, 'grant.revoked', {}, { coopname: 'othercoop' });
    expect((await list(token)).notifications.map((n) => n.type)).toEqual(['grant.read']);
    const subjects = await mailSubjects(email);
    expect(subjects.filter((s) => s.includes('Восход'))).toEqual([]);
    expect(subjects.filter((s) => s.includes('Other Coop'))).toHaveLength(1);

    await save(token, { ...(await read(token)), daily_digest: true });
    await notifications.notify(userId, 'grant.shared', {}, { coopname: 'voskhod' });
    await notifications.notify(userId, 'grant.shared', {}, { coopname: 'othercoop' });
    expect((await mailSubjects(email)).filter((s) => s.includes('ПК Восход'))).toEqual([]);
    // A type kept out of the centre has no row to wait in: its mail goes at once.
    await notifications.notify(userId, 'grant.revoked', {}, { coopname: 'othercoop' });
    expect((await mailSubjects(email)).filter((s) => s.includes('Other Coop'))).toHaveLength(2);
    // Due once the oldest waiting notice is a day old; taken once, so a second run sends nothing.
    await notifications.sendDigests(new Date());
    expect((await mailSubjects(email)).filter((s) => s.includes('за день'))).toEqual([]);
    const tomorrow = new Date(Date.now() + 86_400_000 + 60_000);
    await notifications.sendDigests(tomorrow);
    await notifications.sendDigests(tomorrow);
    const digests = (await mailSubjects(email)).filter((s) => s.includes('уведомления за день'));
    expect(digests).toEqual(['CARD.COOP: уведомления за день (2)']);
  });
});
