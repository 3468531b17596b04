import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../client.js';
import {
  CHEAP_KSF,
  errorCode,
  mailedCode,
  otherServerPublicKey,
  PASSWORD,
  POLICY_VERSION,
  registeredMember,
  serverPublicKey,
  startServer,
  uniqueEmail,
  Wire,
} from '../testing/member-fixture.js';
import type { TestApp } from '../testing/member-fixture.js';

const WELL_KNOWN = 'GET .well-known/opaque-public-key';

let server: TestApp;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('client.auth.serverPublicKey', () => {
  it('fetches the published key, which pins the registration and login of that server', async () => {
    const wire = new Wire();
    const client = createClient({ baseUrl: server.url, fetch: wire.fetch });
    const published = await client.auth.serverPublicKey();
    expect(published).toEqual({
      opaque_public_key: await serverPublicKey(server),
      setup_version: 1,
    });
    expect(wire.calls).toEqual([WELL_KNOWN]);

    const pinned = published.opaque_public_key;
    const email = uniqueEmail();
    await client.auth.startRegistration({ email, privacyVersion: POLICY_VERSION });
    const registered = await client.auth.completeRegistration({
      email,
      code: await mailedCode(server, email),
      password: PASSWORD,
      ksf: CHEAP_KSF,
      expectedServerPublicKey: pinned,
    });
    expect(registered.serverStaticPublicKey).toBe(pinned);
    const outcome = await client.auth.login({
      email,
      password: PASSWORD,
      expectedServerPublicKey: pinned,
    });
    expect(outcome.status).toBe('authenticated');
  });

  it('a pin from another server stops the login before the password proof is sent', async () => {
    const { email, wire } = await registeredMember(server);
    const impostorKey = await otherServerPublicKey();
    // The key was fetched from somewhere else than the server the login talks to.
    wire.rewrite<object>(WELL_KNOWN, (answer) => ({ ...answer, opaque_public_key: impostorKey }));
    const client = createClient({ baseUrl: server.url, fetch: wire.fetch });
    const { opaque_public_key: pinned } = await client.auth.serverPublicKey();
    wire.reset();
    expect(
      await errorCode(
        client.auth.login({ email, password: PASSWORD, expectedServerPublicKey: pinned }),
      ),
    ).toBe('SERVER_KEY_MISMATCH');
    expect(wire.calls).toEqual(['initiate-login']);
  });

  it.each([
    ['a key of the wrong length', { opaque_public_key: 'AAAA', setup_version: 1 }],
    ['no setup version', { opaque_public_key: 'A'.repeat(43) }],
    ['not base64url', { opaque_public_key: `${'A'.repeat(42)}=`, setup_version: 1 }],
  ])('refuses an answer with %s as INVALID_RESPONSE', async (_case, answer) => {
    const wire = new Wire();
    wire.rewrite(WELL_KNOWN, () => answer);
    const client = createClient({ baseUrl: server.url, fetch: wire.fetch });
    expect(await errorCode(client.auth.serverPublicKey())).toBe('INVALID_RESPONSE');
  });
});
