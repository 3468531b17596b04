import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TokenResponse } from '@cardcoop/contracts';
import { base64UrlEncode } from '../crypto/encoding.js';
import type { CardCoopError } from '../errors.js';
import { createMemberClient } from '../member/member-client.js';
import { inProcessLocks } from '../testing/in-process-locks.js';
import {
  advanceTime,
  errorCode,
  registeredMember,
  restoreTime,
  sessionStatus,
  signIn,
  startServer,
} from '../testing/member-fixture.js';
import type { Fixture, TestApp } from '../testing/member-fixture.js';
import { MemberSessionManager } from './manager.js';
import type { MemberSessionOptions } from './manager.js';
import { MemoryMemberSessionStore } from './store.js';

const SESSIONS = '/api/v1/sessions';
const MINUTE = 60_000;

let server: TestApp;
let fixture: Fixture;
let tokens: TokenResponse;
const opened: MemberSessionManager[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

beforeEach(async () => {
  fixture = await registeredMember(server);
  tokens = fixture.registered.tokens;
});

afterEach(() => {
  for (const manager of opened.splice(0)) manager.close();
  restoreTime();
});

function manager(options: MemberSessionOptions = {}) {
  const made = new MemberSessionManager(fixture.http, {
    tokens,
    now: () => fixture.clock.now,
    ...options,
  });
  opened.push(made);
  return made;
}

const calls = () => fixture.wire.calls;
const refreshCalls = () => calls().filter((call) => call === 'refresh-token').length;
const listSessions = (m: MemberSessionManager) => m.request<unknown>(SESSIONS);

function problem(status: number, code: string): Response {
  return new Response(
    JSON.stringify({ statusCode: status, code, message: code, path: '/', requestId: 'r' }),
    { status, headers: { 'content-type': 'application/json' } },
  );
}

/** The server cannot be reached for this endpoint. */
const unreachable = () => {
  throw new TypeError('fetch failed');
};

describe('MemberSessionManager', () => {
  it('adds the bearer token and does not refresh a fresh one', async () => {
    const m = manager();
    await listSessions(m);
    expect(fixture.wire.requests.at(-1)?.authorization).toBe(`Bearer ${tokens.access_token}`);
    expect(calls()).toEqual(['GET sessions']);
    expect(await m.accessToken()).toBe(tokens.access_token);
  });

  it('refreshes shortly before expiry, before the request, with rotation', async () => {
    const m = manager();
    fixture.clock.now += tokens.expires_in * 1000 - 30_000;
    await listSessions(m);
    expect(calls()).toEqual(['refresh-token', 'GET sessions']);
    const current = await m.current();
    expect(current?.access_token).not.toBe(tokens.access_token);
    expect(current?.refresh_token).not.toBe(tokens.refresh_token);
    expect(current?.expires_at).toBe(fixture.clock.now + tokens.expires_in * 1000);
    expect(fixture.wire.requests.at(-1)?.authorization).toBe(`Bearer ${current?.access_token}`);
    expect(fixture.wire.requests.find((r) => r.path === 'auth/refresh-token')?.body).toEqual({
      refresh_token: tokens.refresh_token,
    });
  });

  it('shares one refresh among concurrent requests (proactive)', async () => {
    const m = manager();
    fixture.clock.now += 11 * MINUTE;
    await Promise.all(Array.from({ length: 10 }, () => listSessions(m)));
    expect(refreshCalls()).toBe(1);
    expect(calls().filter((call) => call === 'GET sessions')).toHaveLength(10);
  });

  it('after 401 TOKEN_EXPIRED refreshes once, shared, and retries each request once', async () => {
    // The device clock is behind: the SDK thinks the token is fresh, the server does not.
    const deviceNow = fixture.clock.now;
    const m = manager({ now: () => deviceNow });
    advanceTime(11 * MINUTE);
    // The refresh is held until every request has had its 401.
    let refreshing = 0;
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    fixture.wire.intercept('refresh-token', async () => {
      refreshing += 1;
      await held;
    });
    const requests = Promise.all(Array.from({ length: 5 }, () => listSessions(m)));
    await vi.waitFor(() => {
      const expired = fixture.wire.requests.filter((r) => r.path === 'sessions' && r.status);
      expect(expired.map((r) => r.status)).toEqual(Array(5).fill(401));
      expect(refreshing).toBe(1);
    });
    release();
    await requests;
    expect(refreshing).toBe(1);
    expect(refreshCalls()).toBe(1);
    expect(calls().filter((call) => call === 'GET sessions')).toHaveLength(10);
    expect(calls().slice(0, 6)).toEqual([...Array(5).fill('GET sessions'), 'refresh-token']);
  });

  it('401 TOKEN_EXPIRED → refresh → retry; a second TOKEN_EXPIRED is thrown, not retried', async () => {
    const m = manager({ now: () => 0 });
    advanceTime(11 * MINUTE);
    await listSessions(m);
    expect(calls()).toEqual(['GET sessions', 'refresh-token', 'GET sessions']);

    const other = manager({ now: () => 0, tokens: await fresh() });
    // A server that keeps calling the token expired.
    fixture.wire.intercept('GET sessions', () => problem(401, 'TOKEN_EXPIRED'));
    expect(await errorCode(listSessions(other))).toBe('TOKEN_EXPIRED');
    expect(calls()).toEqual(['refresh-token']);
  });

  it('SESSION_REVOKED from the refresh clears the store, tells the app, and stops asking', async () => {
    const ended: CardCoopError[] = [];
    const m = manager({ onSessionEnded: (error) => ended.push(error) });
    await revoke(tokens.session_id);
    fixture.clock.now += 11 * MINUTE;
    expect(await errorCode(listSessions(m))).toBe('SESSION_REVOKED');
    expect(calls()).toEqual(['refresh-token']);
    expect(await m.current()).toBeUndefined();
    await vi.waitFor(() => expect(ended.map((e) => e.code)).toEqual(['SESSION_REVOKED']));
    fixture.wire.reset();
    expect(await errorCode(listSessions(m))).toBe('SESSION_REVOKED');
    expect(calls()).toEqual([]);
  });

  it('INVALID_TOKEN from the refresh clears the store too', async () => {
    const unknown = base64UrlEncode(globalThis.crypto.getRandomValues(new Uint8Array(32)));
    const m = manager({ tokens: { ...tokens, refresh_token: unknown } });
    expect(await errorCode(m.refresh())).toBe('INVALID_TOKEN');
    expect(await m.current()).toBeUndefined();
  });

  it('SESSION_REVOKED on a request (access token still valid) clears the store', async () => {
    const m = manager();
    await revoke(tokens.session_id);
    expect(await errorCode(listSessions(m))).toBe('SESSION_REVOKED');
    expect(await m.current()).toBeUndefined();
    expect(refreshCalls()).toBe(0);
  });

  it('is UNAUTHORIZED without a session, and start() takes a new one', async () => {
    const m = manager({ tokens: undefined });
    expect(await errorCode(listSessions(m))).toBe('UNAUTHORIZED');
    expect(calls()).toEqual([]);
    await m.start(tokens);
    await listSessions(m);
  });

  it('sends the request with a still-valid token when an early refresh cannot reach the server', async () => {
    fixture.wire.intercept('refresh-token', unreachable);
    const m = manager();
    fixture.clock.now += tokens.expires_in * 1000 - 30_000;
    await listSessions(m);
    expect(fixture.wire.requests.at(-1)?.authorization).toBe(`Bearer ${tokens.access_token}`);
    fixture.clock.now += MINUTE;
    expect(await errorCode(listSessions(m))).toBe('NETWORK_ERROR');
    expect(await m.current()).toBeDefined();
  });

  it('refuses a refresh answer for another account and keeps the old tokens', async () => {
    fixture.wire.rewrite<object>('refresh-token', (answer) => ({
      ...answer,
      user_id: globalThis.crypto.randomUUID(),
    }));
    const m = manager();
    expect(await errorCode(m.refresh())).toBe('INVALID_RESPONSE');
    expect((await m.current())?.access_token).toBe(tokens.access_token);
  });

  it('shows why one manager per session: a spent refresh token replayed after 30 s revokes it', async () => {
    const a = manager();
    const b = manager();
    await a.refresh();
    fixture.clock.now += 10_000;
    // Within the grace window: the successor `a` got, not a chain of its own.
    expect((await b.refresh()).refresh_token).toBe((await a.current())?.refresh_token);
    fixture.clock.now += 31_000;
    // The server's grace window is over too.
    advanceTime(31_000);
    const c = manager();
    expect(await errorCode(c.refresh())).toBe('SESSION_REVOKED');
    expect(await errorCode(listSessions(a))).toBe('SESSION_REVOKED');
  });

  it('logout ends the session on the server and clears the store', async () => {
    const ended: CardCoopError[] = [];
    const m = manager({ onSessionEnded: (error) => ended.push(error) });
    await m.logout();
    expect(calls()).toEqual(['logout']);
    expect(await sessionStatus(server, tokens)).toBe('SESSION_REVOKED');
    expect(await m.current()).toBeUndefined();
    await m.logout(); // nothing left to do
    expect(calls()).toHaveLength(1);
    await Promise.resolve();
    expect(ended).toEqual([]);
  });

  it('logout clears the store even when the server is unreachable, then reports it', async () => {
    fixture.wire.intercept('logout', unreachable);
    const m = manager();
    expect(await errorCode(m.logout())).toBe('NETWORK_ERROR');
    expect(await m.current()).toBeUndefined();
  });

  it('works over a custom asynchronous store', async () => {
    const saved: unknown[] = [];
    const inner = new MemoryMemberSessionStore();
    const m = manager({
      store: {
        get: async () => inner.get(),
        set: async (session) => {
          saved.push(session);
          inner.set(session);
        },
        clear: async () => inner.clear(),
      },
    });
    fixture.clock.now += 11 * MINUTE;
    await listSessions(m);
    expect(saved).toHaveLength(2);
    await m.forget();
    expect(inner.get()).toBeUndefined();
  });

  it('keeps tokens out of JSON.stringify', async () => {
    const store = new MemoryMemberSessionStore();
    const member = createMemberClient({
      baseUrl: server.url,
      fetch: fixture.wire.fetch,
      store,
      tokens,
    });
    opened.push(member.session);
    await member.sessions.list();
    const dumped = JSON.stringify({ store, member, manager: member.session });
    for (const secret of [tokens.access_token, tokens.refresh_token]) {
      expect(dumped).not.toContain(secret);
    }
    expect(store.get()?.refresh_token).toBe(tokens.refresh_token);
  });
});

describe('MemberSessionManager across tabs (BroadcastChannel, Web Locks)', () => {
  const channel = () => `cardcoop-auth-test-${crypto.randomUUID()}`;

  it('two tabs share one refresh: the lock holder refreshes, the other gets its tokens', async () => {
    const crossTab = { channelName: channel(), locks: inProcessLocks(), handoffTimeoutMs: 2000 };
    const a = manager({ crossTab });
    const b = manager({ crossTab });
    fixture.clock.now += 11 * MINUTE;
    await Promise.all([
      ...Array.from({ length: 3 }, () => listSessions(a)),
      ...Array.from({ length: 3 }, () => listSessions(b)),
    ]);
    expect(refreshCalls()).toBe(1);
    const [inA, inB] = [await a.current(), await b.current()];
    expect(inA?.access_token).not.toBe(tokens.access_token);
    expect(inB).toEqual(inA);
    const bearers = new Set(
      fixture.wire.requests.filter((r) => r.path === 'sessions').map((r) => r.authorization),
    );
    expect(bearers).toEqual(new Set([`Bearer ${inA?.access_token}`]));
  });

  it('hands new tokens to the other tab without locks, and ignores other sessions', async () => {
    const name = channel();
    const a = manager({ crossTab: { channelName: name, locks: false } });
    const b = manager({ crossTab: { channelName: name, locks: false } });
    const otherTokens = await fresh();
    const stranger = manager({
      crossTab: { channelName: name, locks: false },
      tokens: otherTokens,
    });
    const refreshed = await a.refresh();
    await vi.waitFor(async () => expect(await b.current()).toEqual(refreshed));
    expect((await stranger.current())?.access_token).toBe(otherTokens.access_token);
    fixture.wire.reset();
    await listSessions(b);
    expect(calls()).toEqual(['GET sessions']);
    expect(fixture.wire.requests.at(-1)?.authorization).toBe(`Bearer ${refreshed.access_token}`);
  });

  it('does not share anything unless crossTab is set', async () => {
    const a = manager();
    const b = manager();
    await a.refresh();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await b.current())?.access_token).toBe(tokens.access_token);
  });

  it('an ended session ends in every tab: revoked refresh, and logout', async () => {
    const name = channel();
    const endedInB: string[] = [];
    const a = manager({ crossTab: { channelName: name, locks: false } });
    const b = manager({
      crossTab: { channelName: name, locks: false },
      onSessionEnded: (error) => endedInB.push(error.code),
    });
    await revoke(tokens.session_id);
    expect(await errorCode(a.refresh())).toBe('SESSION_REVOKED');
    await vi.waitFor(async () => expect(await b.current()).toBeUndefined());
    await vi.waitFor(() => expect(endedInB).toEqual(['SESSION_REVOKED']));
    expect(await errorCode(listSessions(b))).toBe('SESSION_REVOKED');

    const second = await fresh();
    const c = manager({ crossTab: { channelName: name, locks: false }, tokens: second });
    const d = manager({ crossTab: { channelName: name, locks: false }, tokens: second });
    await c.logout();
    await vi.waitFor(async () => expect(await d.current()).toBeUndefined());
  });

  it('uses navigator.locks when the platform has it', async () => {
    const locks = inProcessLocks();
    vi.stubGlobal('navigator', { locks });
    try {
      const m = manager({ crossTab: { channelName: channel() } });
      await m.refresh();
      expect(locks.grants).toBe(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('ignores malformed messages on the channel', async () => {
    const name = channel();
    const m = manager({ crossTab: { channelName: name, locks: false } });
    const rogue = new BroadcastChannel(name);
    const current = await m.current();
    for (const junk of [
      null,
      'tokens',
      { type: 'tokens', replaces: tokens.session_id, session: { access_token: 'x' } },
      { type: 'tokens', replaces: tokens.session_id },
      { type: 'ended', session_id: tokens.session_id },
      { type: 'other' },
    ]) {
      rogue.postMessage(junk);
    }
    await new Promise((resolve) => setTimeout(resolve, 30));
    rogue.close();
    expect(await m.current()).toEqual(current);
  });

  it('a tab that waited for the lock refreshes itself when no hand-off comes', async () => {
    const locks = inProcessLocks();
    const crossTab = { channelName: channel(), locks, handoffTimeoutMs: 30 };
    // Tab A holds the lock for something else and hands nothing over.
    let release = (): void => undefined;
    const held = locks.request(
      'cardcoop-refresh',
      {},
      () => new Promise<void>((r) => (release = r)),
    );
    const b = manager({ crossTab });
    const refreshing = b.refresh();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(refreshCalls()).toBe(0);
    release();
    await held;
    const refreshed = await refreshing;
    expect(refreshCalls()).toBe(1);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
  });
});

/** Another session of the same member (a fresh token pair from a second login). */
async function fresh(): Promise<TokenResponse> {
  const session = await signIn(fixture);
  fixture.wire.reset();
  return session.tokens;
}

/** Ends the member's session on the server, off this device's wire. */
async function revoke(sessionId: string): Promise<void> {
  const response = await globalThis.fetch(`${server.url}${SESSIONS}/${sessionId}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${tokens.access_token}` },
  });
  expect(response.status).toBe(204);
}
