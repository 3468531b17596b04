import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../client.js';
import { HttpClient } from '../http.js';
import { privacyPolicy } from '../auth/privacy-policy.js';
import {
  errorCode,
  POLICY_VERSION,
  registerCooperative,
  registeredMember,
  startServer,
} from '../testing/member-fixture.js';
import type { TestApp } from '../testing/member-fixture.js';
import { connectTarget } from './connect-target.js';
import { createMemberClient } from './member-client.js';

/** The cooperatives a member may join, and what the app reads before sign-in, against the real server. */
const CALLBACK = 'https://voskhod.example/cb';
let server: TestApp;
let http: HttpClient;

beforeAll(async () => {
  server = await startServer();
  http = new HttpClient({ baseUrl: server.url });
  await registerCooperative(server, {
    coopname: 'voskhod',
    display_name: 'ПК ВОСХОД',
    redirect_uris: [CALLBACK],
  });
});
afterAll(() => server.close());

describe('member.cooperatives', () => {
  it('lists the active cooperatives with the member’s own account', async () => {
    const fixture = await registeredMember(server);
    const member = createMemberClient({
      baseUrl: server.url,
      fetch: fixture.wire.fetch,
      tokens: fixture.registered.tokens,
      userKey: fixture.registered.userKey,
    });
    try {
      expect(await member.cooperatives.list()).toEqual([
        { coopname: 'voskhod', display_name: 'ПК ВОСХОД', account: null, accepts_data: false },
      ]);
      fixture.wire.rewrite('GET cooperatives', () => ({ cooperatives: [{ coopname: 1 }] }));
      expect(await errorCode(member.cooperatives.list())).toBe('INVALID_RESPONSE');
    } finally {
      member.session.close();
    }
  });
});

describe('before sign-in', () => {
  it('reads the privacy policy to consent to', async () => {
    const policy = await privacyPolicy(http);
    expect(policy.version).toBe(POLICY_VERSION);
    expect(policy.documents.ru.body.length).toBeGreaterThan(0);
    expect(await createClient({ baseUrl: server.url }).auth.privacyPolicy()).toEqual(policy);
  });

  it('checks a connect request against the registry', async () => {
    const target = await connectTarget(http, { coopname: 'voskhod', redirectUri: CALLBACK });
    expect(target).toMatchObject({
      coopname: 'voskhod',
      display_name: 'ПК ВОСХОД',
      redirect_uri: CALLBACK,
      response_mode: 'query',
    });
    const again = await createClient({ baseUrl: server.url }).auth.connectTarget({
      coopname: 'voskhod',
      redirectUri: CALLBACK,
    });
    // Each opening of the connect page is a visit of its own (the cooperative's funnel).
    expect(again.visit_id).not.toBe(target.visit_id);
    expect({ ...again, visit_id: target.visit_id }).toEqual(target);
    expect(
      await errorCode(
        connectTarget(http, { coopname: 'voskhod', redirectUri: 'https://evil.example/cb' }),
      ),
    ).toBe('UNREGISTERED_CALLBACK');
  });

  it('refuses an answer about another request', async () => {
    const lying = new HttpClient({
      baseUrl: server.url,
      fetch: async (input, init) => {
        const answer = await globalThis.fetch(input, init);
        const body = (await answer.json()) as Record<string, unknown>;
        return Response.json({ ...body, redirect_uri: 'https://evil.example/cb' });
      },
    });
    expect(
      await errorCode(connectTarget(lying, { coopname: 'voskhod', redirectUri: CALLBACK })),
    ).toBe('INVALID_RESPONSE');
  });
});
