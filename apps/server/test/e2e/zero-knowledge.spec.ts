import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl, testRedisUrl } from '../support/environment.js';
import { loginRaw, post, registerRaw } from '../support/raw-member.js';
import { dumpEveryTable } from '../support/database-dump.js';
import { startTestApp, testSecrets } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

describe('what a full database dump reveals', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp();
  });
  afterAll(() => server.close());

  it('holds no password, export key, session key, plaintext e-mail or IP after registration and login', async () => {
    const email = 'Secret.Member@coop.example';
    const password = 'a password nobody should ever see 42';
    const registered = await registerRaw(server.url, email, password);
    const login = await loginRaw(server.url, email, password);
    expect(login.response.status).toBe(200);
    const dump = await dumpEveryTable(server);
    expect(dump).toContain('== public.users');
    expect(dump).toContain(registered.userId);
    for (const secret of [
      password,
      email,
      email.toLowerCase(),
      'secret.member',
      registered.exportKey,
      login.finish!.exportKey,
      login.finish!.sessionKey,
      login.json.refresh_token,
      login.json.access_token,
      '127.0.0.1',
    ]) {
      expect(dump.toLowerCase()).not.toContain(secret!.toLowerCase());
    }
  });
});

// Two nodes share PostgreSQL and Redis: a revocation on one is refused by the other as soon as
// PostgreSQL's notice reaches it (ADR 024: milliseconds; the node that revoked refuses at once).
describe.runIf(testDatabaseUrl && testRedisUrl)('a second node', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await startTestApp();
    second = await startTestApp({
      databaseUrl: first.databaseUrl!,
      secrets: await testSecrets(),
      env: { CACHE_KEY_PREFIX: first.config.cache.keyPrefix },
    });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('refuses a session revoked on the first node within milliseconds', async () => {
    const email = 'two.nodes@coop.example';
    await registerRaw(first.url, email, 'two nodes password');
    const { json } = await loginRaw(first.url, email, 'two nodes password');
    const onSecond = () =>
      fetch(`${second.url}/api/v1/sessions`, {
        headers: { authorization: `Bearer ${json.access_token}` },
      });
    expect((await onSecond()).status).toBe(200);
    expect((await post(first.url, '/api/v1/auth/logout', {}, json.access_token)).status).toBe(204);
    const loggedOut = performance.now();
    let refused = await onSecond();
    while (refused.status === 200 && performance.now() - loggedOut < 1000)
      refused = await onSecond();
    expect(performance.now() - loggedOut).toBeLessThan(1000);
    expect(refused.status).toBe(401);
    expect((await refused.json()).code).toBe('SESSION_REVOKED');
  });
});
