import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REALTIME_CLOSING_EVENT } from '@cardcoop/contracts';
import { TokenService } from '../../src/modules/tokens/token.service.js';
import { testRedisUrl, uniqueName } from '../support/environment.js';
import { registerRaw } from '../support/raw-member.js';
import { closeTabs, connect, nextDisconnect } from '../support/realtime-tabs.js';
import type { Refusal } from '../support/realtime-tabs.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

const PASSWORD = 'correct horse battery staple';
const from = (ip: string) => ({ 'x-forwarded-for': ip });

// Behind one trusted proxy (the test itself), as a deployment behind a load balancer. With
// PostgreSQL and Redis the two nodes share the counters; embedded, both sides hit one node.
let nodeA: TestApp;
let nodeB: TestApp;
beforeAll(async () => {
  nodeA = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
  nodeB =
    nodeA.databaseUrl && testRedisUrl
      ? await startTestApp({
          databaseUrl: nodeA.databaseUrl,
          secrets: nodeA.secrets,
          env: { TRUST_PROXY: '127.0.0.1', CACHE_KEY_PREFIX: nodeA.config.cache.keyPrefix },
        })
      : nodeA;
});
afterAll(async () => {
  closeTabs();
  if (nodeB !== nodeA) await nodeB.close();
  await nodeA.close();
});

/** Opens a socket and closes it again; the refusal's code, or 'connected'. */
async function handshake(node: TestApp, token: string, ip: string): Promise<string> {
  const tab = connect(node.url, token, from(ip));
  try {
    await tab.opened;
    tab.socket.close();
    return 'connected';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('real-time handshake limit per client address', () => {
  it('refuses the 31st handshake of a minute from one address, on any node, and not another address', async () => {
    const { tokens } = await registerRaw(nodeA.url, `${uniqueName('rl')}@example.org`, PASSWORD);
    const address = '203.0.113.31';
    const answers: string[] = [];
    // Forged tokens count too: the limit is checked before the token is.
    for (let i = 0; i < 5; i += 1) answers.push(await handshake(nodeA, 'not.a.token', address));
    for (let i = 0; i < 10; i += 1)
      answers.push(await handshake(nodeA, tokens.access_token, address));
    // Node B hears of node A's count at its next flush (50 ms).
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (let i = 0; i < 15; i += 1)
      answers.push(await handshake(nodeB, tokens.access_token, address));
    expect(answers).toEqual([
      ...Array<string>(5).fill('INVALID_TOKEN'),
      ...Array<string>(25).fill('connected'),
    ]);

    // Node B learns node A's hits at its next flush (ADR 011: a node may let one more through
    // meanwhile); once it has flushed it knows the 30, and its next handshake is refused.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const refused = connect(nodeB.url, tokens.access_token, from(address));
    const refusal = await refused.opened.then(
      () => undefined,
      (error: unknown) => error as Refusal,
    );
    expect(refusal?.message).toBe('RATE_LIMITED');
    expect(refusal?.data?.code).toBe('RATE_LIMITED');
    expect(refusal?.data?.retry_after).toBeGreaterThanOrEqual(1);
    expect(refusal?.data?.retry_after).toBeLessThanOrEqual(60);
    // Node A hears of the other node's hits at its own next flush (ADR 011): one handshake may
    // pass there meanwhile, none after it.
    await handshake(nodeA, tokens.access_token, address);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await handshake(nodeA, tokens.access_token, address)).toBe('RATE_LIMITED');

    expect(await handshake(nodeA, tokens.access_token, '203.0.113.32')).toBe('connected');
    expect(await handshake(nodeB, tokens.access_token, '203.0.113.32')).toBe('connected');
  });
});

describe('a socket lives as long as its handshake token', () => {
  it('is told TOKEN_EXPIRED and closed when the token expires; a token with life left stays', async () => {
    const { tokens, userId } = await registerRaw(
      nodeA.url,
      `${uniqueName('exp')}@example.org`,
      PASSWORD,
    );
    const claims = { sub: userId, sid: tokens.session_id, aud: 'member' as const, scope: 'member' };
    const short = await nodeA.app.get(TokenService).sign({ ...claims, amr: ['pwd'] }, 2);
    const expiring = connect(nodeA.url, short);
    const lasting = connect(nodeA.url, tokens.access_token);
    const told: unknown[] = [];
    expiring.socket.on(REALTIME_CLOSING_EVENT, (data: unknown) => told.push(data));
    await Promise.all([expiring.opened, lasting.opened]);
    const openedAt = Date.now();
    expect(await nextDisconnect(expiring.socket)).toBe('io server disconnect');
    // `exp` is in whole seconds: 1–2 s after signing.
    expect(Date.now() - openedAt).toBeLessThan(2500);
    expect(told).toEqual([{ code: 'TOKEN_EXPIRED' }]);
    expect(lasting.socket.connected).toBe(true);
    await expect(connect(nodeA.url, short).opened).rejects.toThrow('TOKEN_EXPIRED');
  });
});
