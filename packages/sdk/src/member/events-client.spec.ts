import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MemberEvent } from '@cardcoop/contracts';
import type { Server } from 'socket.io';
import { MemberEvents } from '../../../../apps/server/src/modules/realtime/member-events.js';
import { RealtimeGateway } from '../../../../apps/server/src/modules/realtime/realtime.gateway.js';
import { TokenService } from '../../../../apps/server/src/modules/tokens/token.service.js';
import type { CardCoopError } from '../errors.js';
import { registeredMember, signIn, startServer } from '../testing/member-fixture.js';
import { createEventsClient } from './events-client.js';
import type { Fixture, TestApp } from '../testing/member-fixture.js';
import { createMemberClient, memberClient } from './member-client.js';
import type { MemberClient } from './member-client.js';

let server: TestApp;
let fixture: Fixture;
let member: MemberClient;
let ended: CardCoopError[];
const stops: (() => void)[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

beforeEach(async () => {
  fixture = await registeredMember(server);
  ended = [];
  member = createMemberClient({
    baseUrl: server.url,
    tokens: fixture.registered.tokens,
    onSessionEnded: (error) => ended.push(error),
  });
});
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  member.session.close();
});

function listen(client: MemberClient = member) {
  const heard: MemberEvent[] = [];
  stops.push(client.events.subscribe((event) => heard.push(event)));
  return heard;
}

async function until(condition: () => boolean, withinMs = 2000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const publish = (event: MemberEvent) =>
  server.app.get(MemberEvents).publish(fixture.registered.tokens.user_id, event);

/** Publishes until the socket (connecting in the background) has heard one event. */
async function connected(heard: MemberEvent[], withinMs?: number): Promise<void> {
  await until(() => {
    if (heard.length === 0) publish({ type: 'balance.changed', coopname: 'voskhod' });
    return heard.length > 0;
  }, withinMs);
  heard.splice(0);
}

describe('member.events', () => {
  it('delivers the member’s events to every handler of one shared channel, until unsubscribed', async () => {
    expect(memberClient(member.session).events).toBe(member.events);
    const first = listen();
    await connected(first);
    const second: MemberEvent[] = [];
    const stopSecond = member.events.subscribe((event) => second.push(event));
    publish({ type: 'card.changed', revision: 3 });
    await until(() => first.length === 1 && second.length === 1);
    expect(second).toEqual([{ type: 'card.changed', revision: 3 }]);
    stopSecond();
    publish({ type: 'grant.revoked', coopname: 'voskhod' });
    await until(() => first.length === 2);
    expect(second).toHaveLength(1);
  });

  it('hears that its own session was ended from another device', async () => {
    const heard = listen();
    await connected(heard);
    const other = await signIn(fixture);
    const elsewhere = createMemberClient({ baseUrl: server.url, tokens: other.tokens });
    await elsewhere.sessions.revoke(fixture.registered.tokens.session_id);
    await until(() => heard.length === 1);
    expect(heard).toEqual([
      { type: 'session.revoked', session_id: fixture.registered.tokens.session_id },
    ]);
    elsewhere.session.close();
  });

  it('reconnects after a lost connection with a fresh access token', async () => {
    const clocked = createMemberClient({
      baseUrl: server.url,
      fetch: fixture.wire.fetch,
      tokens: fixture.registered.tokens,
      now: () => fixture.clock.now,
    });
    const heard = listen(clocked);
    await connected(heard);
    // The access token has expired by now: the next handshake must not use it.
    fixture.clock.now += 11 * 60_000;
    const gateway = server.app.get(RealtimeGateway) as unknown as { io: Server };
    for (const socket of gateway.io.sockets.sockets.values()) socket.conn.close();
    // The first reconnection comes after 0.5–1.5 s (1 s of backoff, randomised).
    await connected(heard, 5000);
    expect(fixture.wire.requests.map((r) => r.path)).toContain('auth/refresh-token');
    clocked.session.close();
  });

  it('comes back at once with a refreshed token when the server closes the socket at its token’s expiry', async () => {
    const { user_id: sub, session_id: sid } = fixture.registered.tokens;
    const claims = { sub, sid, aud: 'member' as const, scope: 'member', amr: ['pwd'] };
    const short = await server.app.get(TokenService).sign(claims, 2);
    const expiring = createMemberClient({
      baseUrl: server.url,
      fetch: fixture.wire.fetch,
      tokens: { ...fixture.registered.tokens, access_token: short, expires_in: 2 },
      refreshMarginSeconds: 0,
      onSessionEnded: (error) => ended.push(error),
    });
    const heard = listen(expiring);
    await connected(heard);
    const gateway = server.app.get(RealtimeGateway) as unknown as { io: Server };
    const tokensOnServer = () =>
      [...gateway.io.sockets.sockets.values()].map((socket) => socket.handshake.auth['token']);
    expect(tokensOnServer()).toEqual([short]);
    // Closed at `exp` (1–2 s), then reopened without waiting for the 1 s backoff.
    await until(() => tokensOnServer().length === 1 && tokensOnServer()[0] !== short, 4000);
    expect(fixture.wire.requests.map((r) => r.path)).toContain('auth/refresh-token');
    expect(tokensOnServer()).toEqual([await expiring.session.accessToken()]);
    await connected(heard);
    expect(ended).toEqual([]);
    expiring.session.close();
  });

  it('waits out the retry_after of a handshake refused as RATE_LIMITED, whatever its own backoff', async () => {
    const limited = await startServer({ env: { REALTIME_HANDSHAKES_PER_MINUTE: '1' } });
    const own = await registeredMember(limited);
    const client = createMemberClient({ baseUrl: limited.url, tokens: own.registered.tokens });
    const events = createEventsClient(client.session, {
      baseUrl: limited.url,
      reconnectDelayMs: 20,
      reconnectDelayMaxMs: 40,
    });
    const { io } = limited.app.get(RealtimeGateway) as unknown as { io: Server };
    let handshakes = 0;
    io.engine.on('connection', () => (handshakes += 1));
    const stop = events.subscribe(() => undefined);
    try {
      await until(() => io.sockets.sockets.size === 1);
      // Lost: the next handshake is the second of the minute, refused with retry_after ≈ 60 s.
      for (const socket of io.sockets.sockets.values()) socket.conn.close();
      await until(() => handshakes === 2);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(handshakes).toBe(2);
      expect(io.sockets.sockets.size).toBe(0);
    } finally {
      stop();
      client.session.close();
      await limited.close();
    }
  });

  it('a refused token is refreshed; a refused refresh ends the session (onSessionEnded)', async () => {
    const other = await signIn(fixture);
    const elsewhere = createMemberClient({ baseUrl: server.url, tokens: other.tokens });
    await elsewhere.sessions.revoke(fixture.registered.tokens.session_id);
    listen();
    await until(() => ended.length === 1);
    expect(ended[0]!.code).toBe('SESSION_REVOKED');
    expect(await member.session.current()).toBeUndefined();
    elsewhere.session.close();
  });
});
