import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { notificationPreferencesSchema } from '@cardcoop/contracts';
import type { NotificationPreferences } from '@cardcoop/contracts';
import { JobQueue } from '../../src/infra/jobs/job-queue.js';
import { NotificationService } from '../../src/modules/notifications/notification.service.js';
import { startNovuStub } from '../support/novu-stub.js';
import {
  createCooperative,
  notificationsApi,
  PUSH_SERVICE_ENV,
  tokenMember,
} from '../support/notifications-scene.js';
import { browserKeys, startPushService } from '../support/push-service.js';
import type { PushServiceStub } from '../support/push-service.js';
import { enableTotpRaw } from '../support/raw-totp.js';
import { mailsTo } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const PASSWORD = 'novu password';
const SECRET_KEY = 'novu-test-secret-4f0c9a7e2b1d';
let novu: Awaited<ReturnType<typeof startNovuStub>>;
let pushService: PushServiceStub;
let server: TestApp;
let notifications: NotificationService;

beforeAll(async () => {
  novu = await startNovuStub(SECRET_KEY);
  pushService = await startPushService();
  server = await startTestApp({
    env: {
      NOVU_SECRET_KEY: SECRET_KEY,
      NOVU_API_URL: novu.url,
      ...PUSH_SERVICE_ENV,
    },
  });
  notifications = server.app.get(NotificationService);
  await createCooperative(server, 'voskhod', 'ПК Восход');
});
afterAll(async () => {
  await server.close();
  await novu.close();
  await pushService.close();
});

const member = (email: string) => tokenMember(server, email, PASSWORD);
const api = notificationsApi(() => server.url);
async function choose(token: string, change: (wanted: NotificationPreferences) => void) {
  const wanted = notificationPreferencesSchema.parse(
    await (await api('/preferences', token)).json(),
  );
  change(wanted);
  expect((await api('/preferences', token, { method: 'PUT', body: wanted })).status).toBe(200);
}
const triggersFor = (userId: string) =>
  novu.requests.filter((request) => request.body.to?.subscriberId === userId);
const mailSubjects = async (email: string) => {
  await server.app.get(JobQueue).drain();
  return (await mailsTo(server.url, email)).map((mail) => mail.subject);
};
const centre = async (token: string) =>
  ((await (await api('', token)).json()) as { notifications: { id: string; type: string }[] })
    .notifications;

describe('delivery through Novu (NOVU_SECRET_KEY set)', () => {
  it('triggers the type’s workflow once for the member, with the notice in ru and en, and mails nothing itself', async () => {
    const { email, token, userId } = await member('novu.trigger@coop.example');
    await notifications.notify(userId, 'grant.read', {}, { coopname: 'voskhod' });
    await vi.waitFor(() => expect(triggersFor(userId)).toHaveLength(1), { timeout: 5000 });
    const [notice] = await centre(token);
    expect(notice!.type).toBe('grant.read'); // in-app stays ours

    const [trigger] = triggersFor(userId);
    expect(trigger).toMatchObject({
      method: 'POST',
      path: '/v1/events/trigger',
      authorization: `ApiKey ${SECRET_KEY}`,
      idempotencyKey: notice!.id,
    });
    expect(trigger!.body).toEqual({
      name: 'cardcoop-grant-read',
      to: { subscriberId: userId, email, locale: 'ru' },
      transactionId: notice!.id,
      payload: {
        type: 'grant.read',
        coopname: 'voskhod',
        display_name: 'ПК Восход',
        notification_id: notice!.id,
        data: {},
        channels: { email: true, push: true },
        title: 'CARD.COOP: Кооператив «ПК Восход» прочитал переданные ему данные.',
        body: expect.stringContaining('Кооператив «ПК Восход» прочитал переданные ему данные.'),
        texts: {
          ru: {
            title: 'CARD.COOP: Кооператив «ПК Восход» прочитал переданные ему данные.',
            body: expect.stringContaining('в личном кабинете CARD.COOP'),
          },
          en: {
            title: 'CARD.COOP: ПК Восход read the data you shared with it.',
            body: expect.stringContaining('in your CARD.COOP account'),
          },
        },
      },
    });
    expect(await mailSubjects(email)).not.toContainEqual(expect.stringContaining('Восход'));
    expect(triggersFor(userId)).toHaveLength(1);
  });

  it('takes the place of our web push: a subscribed browser gets nothing from this server', async () => {
    const { token, userId } = await member('novu.push@coop.example');
    const browser = browserKeys();
    const subscribed = await api('/push/subscriptions', token, {
      method: 'POST',
      body: {
        endpoint: `${pushService.origin}/push/novu-${userId}`,
        keys: { p256dh: browser.p256dh, auth: browser.auth },
        label: 'Chrome',
      },
    });
    expect(subscribed.status).toBe(204);
    await notifications.notify(
      userId,
      'meeting.cancelled',
      {
        meeting_id: 'm-1',
        title: 'Общее собрание',
        starts_at: '2026-12-20T12:00:00+03:00',
      },
      { coopname: 'voskhod' },
    );
    await vi.waitFor(() => expect(triggersFor(userId)).toHaveLength(1), { timeout: 5000 });
    expect(triggersFor(userId)[0]!.body.payload.channels).toEqual({ email: true, push: true });
    await server.app.get(JobQueue).drain();
    expect(pushService.requests).toEqual([]);
  });

  it('retries a 500 and a 429 with backoff, as the same trigger, until Novu takes it', async () => {
    const { userId } = await member('novu.retry@coop.example');
    novu.failNext(500, 429);
    await notifications.notify(userId, 'balance.changed', {}, { coopname: 'voskhod' });
    await vi.waitFor(() => expect(triggersFor(userId)).toHaveLength(3), { timeout: 10_000 });
    const ids = triggersFor(userId).map((request) => request.body.transactionId);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toEqual(expect.any(String));
    expect(server.logs()).toMatch(/novu-trigger\) attempt 1 failed: Novu answered 500/);
    expect(server.logs()).toMatch(/novu-trigger\) attempt 2 failed: Novu answered 429/);
    // Taken at the third attempt: nothing is left to retry.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await server.app.get(JobQueue).drain()).toBe(0);
    expect(triggersFor(userId)).toHaveLength(3);
  });

  it('gives a refused trigger (400) or a missing workflow up at once, logged without the key', async () => {
    const { userId } = await member('novu.refused@coop.example');
    novu.failNext(400);
    await notifications.notify(userId, 'grant.shared', {}, { coopname: 'voskhod' });
    await vi.waitFor(() => expect(triggersFor(userId)).toHaveLength(1), { timeout: 5000 });
    novu.failNext('trigger_not_active');
    await notifications.notify(userId, 'grant.revoked', {}, { coopname: 'voskhod' });
    await vi.waitFor(() => expect(triggersFor(userId)).toHaveLength(2), { timeout: 5000 });
    await vi.waitFor(() => {
      expect(server.logs()).toMatch(
        /novu-trigger\) attempt 1 failed, given up: Novu answered 400 to workflow cardcoop-grant-shared/,
      );
      expect(server.logs()).toMatch(
        /given up: Novu did not run workflow cardcoop-grant-revoked: trigger_not_active/,
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await server.app.get(JobQueue).drain();
    expect(triggersFor(userId)).toHaveLength(2);
    expect(server.logs()).not.toContain(SECRET_KEY);
  });

  it('honours the member’s channels: nothing when e-mail and push are off, no address without e-mail', async () => {
    const { email, token, userId } = await member('novu.channels@coop.example');
    await choose(token, (wanted) => {
      wanted.channels['grant.read'] = { in_app: true, email: false, push: false };
      wanted.channels['grant.revoked'].email = false;
    });
    await notifications.notify(userId, 'grant.read', {}, { coopname: 'voskhod' });
    await notifications.notify(userId, 'grant.revoked', {}, { coopname: 'voskhod' });
    await vi.waitFor(() => expect(triggersFor(userId)).toHaveLength(1), { timeout: 5000 });
    await server.app.get(JobQueue).drain();
    const [trigger] = triggersFor(userId);
    expect(trigger!.body.name).toBe('cardcoop-grant-revoked');
    expect(trigger!.body.to).toEqual({ subscriberId: userId, locale: 'ru' });
    expect(trigger!.body.payload.channels).toEqual({ email: false, push: true });
    expect((await centre(token)).map((notice) => notice.type)).toEqual([
      'grant.revoked',
      'grant.read',
    ]);
    expect(await mailSubjects(email)).not.toContainEqual(expect.stringContaining('Восход'));
  });

  it('keeps the daily digest and security mails on our mailer; Novu gets their push only', async () => {
    const { email, token, userId } = await member('novu.digest@coop.example');
    await choose(token, (wanted) => void (wanted.daily_digest = true));
    await notifications.notify(userId, 'grant.shared', {}, { coopname: 'voskhod' });
    await vi.waitFor(() => expect(triggersFor(userId)).toHaveLength(1), { timeout: 5000 });
    expect(triggersFor(userId)[0]!.body.payload.channels).toEqual({ email: false, push: true });
    expect(triggersFor(userId)[0]!.body.to.email).toBeUndefined();
    await notifications.sendDigests(new Date(Date.now() + 86_400_000 + 60_000));
    expect(await mailSubjects(email)).toContain('CARD.COOP: уведомления за день (1)');

    // Turning 2FA on mails from the module that made the change (its revert link), not Novu.
    await enableTotpRaw(server.url, token, PASSWORD);
    await vi.waitFor(() => expect(triggersFor(userId)).toHaveLength(2), { timeout: 5000 });
    const security = triggersFor(userId)[1]!.body;
    expect(security.name).toBe('cardcoop-security-totp-changed');
    expect(security.payload.channels).toEqual({ email: false, push: true });
    expect(security.payload.data).toEqual({ enabled: true });
    expect(await mailSubjects(email)).toContain('Двухфакторная аутентификация включена');
  });
});
