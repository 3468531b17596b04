import type { IndividualCard } from '@cardcoop/contracts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchSharedData } from '../coop/index.js';
import {
  CHEAP_KSF,
  errorCode,
  PASSWORD,
  registeredMember,
  serverPublicKey,
  startServer,
  sweepReadNotices,
  Wire,
} from '../testing/member-fixture.js';
import type { Fixture, TestApp } from '../testing/member-fixture.js';
import { fixtureMember, shareAndExchange, sharingCooperative } from '../testing/sharing-scene.js';
import type { MemberClient } from './member-client.js';

const COOPNAME = 'coopnotifies';
const REDIRECT_URI = 'https://notifies.example/cardcoop/callback';
const card: IndividualCard = {
  kind: 'individual',
  first_name: 'Иван',
  last_name: 'Петров',
  birthdate: '1990-04-12',
  full_address: 'г. Москва, ул. Тверская, д. 1, кв. 1',
  phone: '+79991234567',
  email: 'ivan@example.com',
};

let server: TestApp;
const coopWire = new Wire();
let clientSecret: string;
let fixture: Fixture;
let member: MemberClient;

beforeAll(async () => {
  server = await startServer();
  ({ clientSecret } = await sharingCooperative(server, coopWire, {
    coopname: COOPNAME,
    display_name: 'ПК Уведомляем',
    redirect_uri: REDIRECT_URI,
    requested_fields: ['first_name'],
  }));
});
afterAll(() => server.close());

beforeEach(async () => {
  fixture = await registeredMember(server);
  member = fixtureMember(server, fixture);
});
afterEach(() => member.session.close());

/** The member shares with the cooperative, which exchanges the ticket for its token. */
async function issueAndShare() {
  await member.card.issue(card);
  return shareAndExchange(
    member,
    { baseUrl: server.url, coopname: COOPNAME, clientSecret, fetch: coopWire.fetch },
    REDIRECT_URI,
    ['first_name'],
  );
}

const types = async () => (await member.notifications.list()).notifications.map((n) => n.type);

describe('member.notifications', () => {
  it('tells the member of a share, of the cooperative’s reads at most once a day, and of a revocation', async () => {
    const token = await issueAndShare();
    const read = () =>
      fetchSharedData({
        baseUrl: server.url,
        token: token.access_token,
        username: token.username,
        coopname: COOPNAME,
        fetch: coopWire.fetch,
      });
    await read();
    await read();
    await read();
    // The notice follows from the reads' audit events, swept once they have settled.
    expect(await types()).toEqual(['grant.shared']);
    await sweepReadNotices(server);
    expect(await types()).toEqual(['grant.read', 'grant.shared']);
    const [readNotice] = (await member.notifications.list({ type: 'grant.read' })).notifications;
    expect(readNotice).toMatchObject({ coopname: COOPNAME, display_name: 'ПК Уведомляем' });

    await member.access.revoke(COOPNAME);
    expect(await types()).toEqual(['grant.revoked', 'grant.read', 'grant.shared']);
  });

  it('lists, counts and marks read; pages with the cursor', async () => {
    await issueAndShare();
    await member.access.revoke(COOPNAME);
    expect(await member.notifications.unreadCount()).toBe(2);
    const first = await member.notifications.list({ limit: 1 });
    expect(first.notifications.map((n) => n.type)).toEqual(['grant.revoked']);
    const second = await member.notifications.list({ limit: 1, cursor: first.next_cursor! });
    expect(second).toMatchObject({ notifications: [{ type: 'grant.shared' }], next_cursor: null });

    expect(await member.notifications.markRead([first.notifications[0]!.id])).toBe(1);
    expect((await member.notifications.list({ unread: true })).notifications).toHaveLength(1);
    expect(await member.notifications.markAllRead()).toBe(1);
    expect(await member.notifications.unreadCount()).toBe(0);
  });

  it('notifies a password change', async () => {
    await member.changePassword({
      currentPassword: PASSWORD,
      newPassword: 'another long passphrase',
      ksf: CHEAP_KSF,
      expectedServerPublicKey: await serverPublicKey(server),
    });
    expect((await member.notifications.list()).notifications).toMatchObject([
      { type: 'security.password_changed', data: { by: 'password' } },
    ]);
  });

  it('reads and saves preferences; a stale revision is CONFLICT, a security notice off is SECURITY_NOTICE_REQUIRED', async () => {
    const preferences = await member.notifications.preferences();
    expect(preferences.revision).toBe(0);
    const saved = await member.notifications.setPreferences({
      ...preferences,
      daily_digest: true,
    });
    expect(saved).toMatchObject({ revision: 1, daily_digest: true });
    expect(await errorCode(member.notifications.setPreferences(preferences))).toBe('CONFLICT');

    const off = structuredClone(saved);
    off.channels['security.new_device'].in_app = false;
    expect(await errorCode(member.notifications.setPreferences(off))).toBe(
      'SECURITY_NOTICE_REQUIRED',
    );
  });
});
