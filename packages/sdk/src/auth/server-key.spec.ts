import { describe, expect, it } from 'vitest';
import { createClient } from '../client.js';
import { CardCoopError } from '../errors.js';
import { EMAIL_CODE, FakeAuthServer } from '../testing/fake-auth-server.js';

const BASE = 'https://id.example';
const KSF = { 'argon2id-custom': { memory: 8192, iterations: 1, parallelism: 1 } };

/** A fake server that also publishes `published` at /.well-known/opaque-public-key. */
function withWellKnown(server: FakeAuthServer, published: unknown) {
  const seen: string[] = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    if (String(url) === `${BASE}/.well-known/opaque-public-key`) {
      seen.push(`${init?.method ?? 'GET'} ${String(url)}`);
      return new Response(JSON.stringify(published), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }
    return server.fetch(url, init);
  }) as typeof globalThis.fetch;
  return { client: createClient({ baseUrl: BASE, fetch }), seen };
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CardCoopError))
    throw new Error(`Expected a CardCoopError: ${String(error)}`);
  return error.code;
}

describe('client.auth.serverPublicKey', () => {
  it('fetches the published key, which pins the registration and login of that server', async () => {
    const server = await FakeAuthServer.start();
    const { client, seen } = withWellKnown(server, {
      opaque_public_key: server.publicKey,
      setup_version: 1,
    });
    const published = await client.auth.serverPublicKey();
    expect(published).toEqual({ opaque_public_key: server.publicKey, setup_version: 1 });
    expect(seen).toEqual([`GET ${BASE}/.well-known/opaque-public-key`]);

    const pinned = published.opaque_public_key;
    const registered = await client.auth.completeRegistration({
      email: 'ann@example.org',
      code: EMAIL_CODE,
      password: 'correct horse battery staple',
      ksf: KSF,
      expectedServerPublicKey: pinned,
    });
    expect(registered.serverStaticPublicKey).toBe(pinned);
    const outcome = await client.auth.login({
      email: 'ann@example.org',
      password: 'correct horse battery staple',
      expectedServerPublicKey: pinned,
    });
    expect(outcome.status).toBe('authenticated');
  });

  it('a pin from another server stops the login before the password proof is sent', async () => {
    const server = await FakeAuthServer.start();
    const impostorKey = (await FakeAuthServer.start()).publicKey;
    const { client } = withWellKnown(server, { opaque_public_key: impostorKey, setup_version: 1 });
    await client.auth.completeRegistration({
      email: 'ann@example.org',
      code: EMAIL_CODE,
      password: 'correct horse battery staple',
      ksf: KSF,
    });
    server.calls.length = 0;
    const { opaque_public_key: pinned } = await client.auth.serverPublicKey();
    expect(
      await failure(
        client.auth.login({
          email: 'ann@example.org',
          password: 'correct horse battery staple',
          expectedServerPublicKey: pinned,
        }),
      ),
    ).toBe('SERVER_KEY_MISMATCH');
    expect(server.calls).toEqual(['initiate-login']);
  });

  it.each([
    ['a key of the wrong length', { opaque_public_key: 'AAAA', setup_version: 1 }],
    ['no setup version', { opaque_public_key: 'A'.repeat(43) }],
    ['not base64url', { opaque_public_key: `${'A'.repeat(42)}=`, setup_version: 1 }],
  ])('refuses an answer with %s as INVALID_RESPONSE', async (_case, answer) => {
    const { client } = withWellKnown(await FakeAuthServer.start(), answer);
    expect(await failure(client.auth.serverPublicKey())).toBe('INVALID_RESPONSE');
  });
});
