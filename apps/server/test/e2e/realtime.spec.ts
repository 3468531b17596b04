import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_SCHEMA_ID } from '@cardcoop/contracts';
import { CACHE } from '../../src/infra/cache/cache.js';
import type { Cache } from '../../src/infra/cache/cache.js';
import { MEMBER_EVENTS_CHANNEL, MemberEvents } from '../../src/modules/realtime/member-events.js';
import { testRedisUrl, uniqueName } from '../support/environment.js';
import { fakeEnvelope, loginRaw, post, registerRaw } from '../support/raw-member.js';
import { closeTabs, connect, nextDisconnect, until } from '../support/realtime-tabs.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const PASSWORD = 'correct horse battery staple';

// Two nodes need one PostgreSQL and one Redis (an embedded node has neither to share).
let nodeA: TestApp;
let nodeB: TestApp;
const shared = async () => {
  nodeA = await startTestApp();
  if (!nodeA.databaseUrl || !testRedisUrl) return false;
  nodeB = await startTestApp({
    databaseUrl: nodeA.databaseUrl,
    secrets: nodeA.secrets,
    env: { CACHE_KEY_PREFIX: nodeA.config.cache.keyPrefix },
  });
  return true;
};
let twoNodes = false;

beforeAll(async () => {
  twoNodes = await shared();
});
afterAll(async () => {
  closeTabs();
  await nodeB?.close();
  await nodeA.close();
});

const member = async (url: string) => registerRaw(url, `${uniqueName('rt')}@example.org`, PASSWORD);

describe('real-time channel across two nodes', () => {
  it('delivers an event published on node B to the socket on node A within 1 s', async ({
    skip,
  }) => {
    if (!twoNodes) return skip();
    const { tokens, userId } = await member(nodeA.url);
    const tab = connect(nodeA.url, tokens.access_token);
    await tab.opened;
    nodeB.app.get(MemberEvents).publish(userId, { type: 'notification', notification_id: 'n-1' });
    const took = await until(() => tab.heard.length === 1);
    expect(took).toBeLessThan(1000);
    expect(tab.heard).toEqual([{ type: 'notification', notification_id: 'n-1' }]);
  });

  it('refuses a missing, forged or ended session token', async () => {
    await expect(connect(nodeA.url, '').opened).rejects.toThrow('UNAUTHORIZED');
    await expect(connect(nodeA.url, 'not.a.token').opened).rejects.toThrow('INVALID_TOKEN');
    const { tokens } = await member(nodeA.url);
    const ended = await fetch(`${nodeA.url}/api/v1/sessions/${tokens.session_id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(ended.status).toBe(204);
    await expect(connect(nodeA.url, tokens.access_token).opened).rejects.toThrow('SESSION_REVOKED');
  });

  it("never lets a member hear another member's events (attack)", async ({ skip }) => {
    if (!twoNodes) return skip();
    const anna = await member(nodeA.url);
    const boris = await member(nodeA.url);
    const borisTab = connect(nodeA.url, boris.tokens.access_token);
    await borisTab.opened;
    const events = nodeB.app.get(MemberEvents);
    events.publish(anna.userId, { type: 'card.changed', revision: 2 });
    events.publish(anna.userId, { type: 'session.revoked', session_id: anna.tokens.session_id });
    events.publish(boris.userId, { type: 'grant.read', coopname: 'voskhod' });
    await until(() => borisTab.heard.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(borisTab.heard).toEqual([{ type: 'grant.read', coopname: 'voskhod' }]);
    expect(borisTab.socket.connected).toBe(true);
  });

  it('drops what is not a member event on the channel, and keeps relaying', async () => {
    const { tokens, userId } = await member(nodeA.url);
    const tab = connect(nodeA.url, tokens.access_token);
    await tab.opened;
    const cache = nodeA.app.get<Cache>(CACHE);
    await cache.publish(MEMBER_EVENTS_CHANNEL, 'not json');
    await cache.publish(MEMBER_EVENTS_CHANNEL, JSON.stringify({ userId, event: { type: 'x' } }));
    await cache.publish(
      MEMBER_EVENTS_CHANNEL,
      JSON.stringify({ userId, event: { type: 'card.changed', revision: 2, data: 'leak' } }),
    );
    nodeA.app.get(MemberEvents).publish(userId, { type: 'grant.read', coopname: 'voskhod' });
    await until(() => tab.heard.length === 2);
    // Unknown keys are stripped by the schema: only the event's own fields reach the tab.
    expect(tab.heard).toEqual([
      { type: 'card.changed', revision: 2 },
      { type: 'grant.read', coopname: 'voskhod' },
    ]);
  });

  it('revoking a session on node B tells its tab on node A first, then closes it', async ({
    skip,
  }) => {
    if (!twoNodes) return skip();
    const email = `${uniqueName('rt')}@example.org`;
    const first = await registerRaw(nodeA.url, email, PASSWORD);
    const second = (await loginRaw(nodeA.url, email, PASSWORD, 'phone')).json;
    const phone = connect(nodeA.url, second.access_token);
    const laptop = connect(nodeA.url, first.tokens.access_token);
    await Promise.all([phone.opened, laptop.opened]);
    const closed = nextDisconnect(phone.socket);
    const revoked = await fetch(`${nodeB.url}/api/v1/sessions/${second.session_id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${first.tokens.access_token}` },
    });
    expect(revoked.status).toBe(204);
    expect(await closed).toBe('io server disconnect');
    expect(phone.heard).toEqual([{ type: 'session.revoked', session_id: second.session_id }]);
    // The session that revoked it stays connected and hears nothing of it.
    expect(laptop.socket.connected).toBe(true);
    expect(laptop.heard).toEqual([]);
  });

  it('a card saved on node B reaches the open card on node A with its revision', async ({
    skip,
  }) => {
    if (!twoNodes) return skip();
    const { tokens } = await member(nodeA.url);
    const meta = { version: 1, schema: CARD_SCHEMA_ID, kind: 'individual' as const };
    const card = { card: fakeEnvelope('v1'), meta };
    await post(nodeB.url, '/api/v1/card/issue', card, tokens.access_token);
    const tab = connect(nodeA.url, tokens.access_token);
    await tab.opened;
    const saved = await fetch(`${nodeB.url}/api/v1/card`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${tokens.access_token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ ...card, card: fakeEnvelope('v2'), expected_revision: 1 }),
    });
    expect(saved.status).toBe(200);
    await until(() => tab.heard.length === 1);
    expect(tab.heard).toEqual([{ type: 'card.changed', revision: 2 }]);
  });

  it('ending "all other sessions" tells the tab that asked nothing, and keeps it open', async ({
    skip,
  }) => {
    if (!twoNodes) return skip();
    const email = `${uniqueName('rt')}@example.org`;
    const first = await registerRaw(nodeA.url, email, PASSWORD);
    const second = (await loginRaw(nodeA.url, email, PASSWORD, 'phone')).json;
    const phone = connect(nodeA.url, second.access_token);
    const laptop = connect(nodeB.url, first.tokens.access_token);
    await Promise.all([phone.opened, laptop.opened]);
    const closed = nextDisconnect(phone.socket);
    const others = await fetch(`${nodeB.url}/api/v1/sessions`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${first.tokens.access_token}` },
    });
    expect(others.status).toBeLessThan(300);
    expect(await closed).toBe('io server disconnect');
    expect(phone.heard).toEqual([{ type: 'session.revoked', session_id: second.session_id }]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(laptop.heard).toEqual([]);
    expect(laptop.socket.connected).toBe(true);
  });

  it('reconnects by itself after its node restarts', async ({ skip }) => {
    if (!twoNodes) return skip();
    const port = Number(new URL(nodeB.url).port);
    const { tokens, userId } = await member(nodeA.url);
    const tab = connect(nodeB.url, tokens.access_token);
    await tab.opened;
    const lost = nextDisconnect(tab.socket);
    await nodeB.close();
    expect(await lost).toBe('transport close');
    nodeB = await startTestApp({
      databaseUrl: nodeA.databaseUrl!,
      secrets: nodeA.secrets,
      env: { CACHE_KEY_PREFIX: nodeA.config.cache.keyPrefix },
      port,
    });
    await until(() => tab.socket.connected, 5000);
    nodeA.app.get(MemberEvents).publish(userId, { type: 'balance.changed', coopname: 'voskhod' });
    await until(() => tab.heard.length === 1);
    expect(tab.heard).toEqual([{ type: 'balance.changed', coopname: 'voskhod' }]);
  });
});
