import {
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  randomBytes,
} from 'node:crypto';
import * as opaque from '@serenity-kit/opaque';
import { Checksum256, PrivateKey, PublicKey, Signature } from '@wharfkit/antelope';
import { createClient } from '@cardcoop/sdk';
import type { CardCoopClient, MemberSession } from '@cardcoop/sdk';
import {
  CARD_SCHEMA_ID,
  coopTokenSchema,
  encryptedDataSchema,
  opaquePublicKeySchema,
} from '@cardcoop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anna } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { TokenService } from '../../src/modules/tokens/token.service.js';
import {
  fakeEnvelope,
  latestCode,
  POLICY_VERSION,
  post,
  registerRaw,
  TEST_KSF,
} from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

// docs/protocol.md against the running server: the published OPAQUE key, the card schema check,
// a cooperative written from the document alone (no @cardcoop/sdk on its side), and the status
// codes the document promises cooperatives.

let server: TestApp;
beforeAll(async () => {
  server = await startTestApp();
});
afterAll(() => server.close());

const PASSWORD = 'protocol password';

async function registerWithSdk(client: CardCoopClient, email: string, pin?: string) {
  await client.auth.startRegistration({ email, privacyVersion: POLICY_VERSION });
  return client.auth.completeRegistration({
    email,
    code: await latestCode(server.url, email),
    password: PASSWORD,
    ksf: TEST_KSF,
    ...(pin === undefined ? {} : { expectedServerPublicKey: pin }),
  });
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return (error as { code?: string } | undefined)?.code ?? String(error);
}

describe('GET /.well-known/opaque-public-key (protocol.md §3.2)', () => {
  it('publishes the key every real registration and login reports, cacheable', async () => {
    const response = await fetch(`${server.url}/.well-known/opaque-public-key`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const published = opaquePublicKeySchema.parse(await response.json());
    expect(published.setup_version).toBe(1);
    await opaque.ready;
    expect(published.opaque_public_key).toBe(
      opaque.server.getPublicKey(server.secrets.opaqueServerSetup),
    );

    // A client with the SDK pins what it fetched; registration and login report the same key.
    const client = createClient({ baseUrl: server.url });
    const { opaque_public_key: pin } = await client.auth.serverPublicKey();
    expect(pin).toBe(published.opaque_public_key);
    const registered = await registerWithSdk(client, 'pinned@coop.example', pin);
    expect(registered.serverStaticPublicKey).toBe(pin);
    const outcome = await client.auth.login({
      email: 'pinned@coop.example',
      password: PASSWORD,
      expectedServerPublicKey: pin,
    });
    if (outcome.status !== 'authenticated') throw new Error(outcome.status);
    expect(outcome.session.serverStaticPublicKey).toBe(pin);

    // The raw library's view of a login (no SDK): the same key.
    const { clientLoginState, startLoginRequest } = opaque.client.startLogin({
      password: PASSWORD,
    });
    const started = (await (
      await post(server.url, '/api/v1/auth/initiate-login', {
        email: 'pinned@coop.example',
        start_login_request: startLoginRequest,
      })
    ).json()) as { login_response: string; ksf: typeof TEST_KSF };
    const finished = opaque.client.finishLogin({
      password: PASSWORD,
      clientLoginState,
      loginResponse: started.login_response,
      keyStretching: started.ksf,
    });
    expect(finished?.serverStaticPublicKey).toBe(pin);
  });

  it("a pin from another server's setup stops the SDK's login", async () => {
    const client = createClient({ baseUrl: server.url });
    await registerWithSdk(client, 'impostor.pin@coop.example');
    await opaque.ready;
    const otherKey = opaque.server.getPublicKey(opaque.server.createSetup());
    expect(
      await failure(
        client.auth.login({
          email: 'impostor.pin@coop.example',
          password: PASSWORD,
          expectedServerPublicKey: otherKey,
        }),
      ),
    ).toBe('SERVER_KEY_MISMATCH');
  });
});

describe('card meta.schema (protocol.md §7)', () => {
  const meta = { version: 2, schema: CARD_SCHEMA_ID, kind: 'individual' as const };
  const foreign = 'https://card.coop/schemas/card/v9.json';

  it("refuses an issue and an update whose meta.schema is not the server's $id", async () => {
    const { tokens } = await registerRaw(server.url, 'schema.check@coop.example', PASSWORD);
    const token = tokens.access_token;
    for (const schema of [foreign, `${CARD_SCHEMA_ID}#`, 'not a url']) {
      const refused = await post(
        server.url,
        '/api/v1/card/issue',
        { card: fakeEnvelope('v1'), meta: { ...meta, schema } },
        token,
      );
      expect(refused.status, schema).toBe(422);
      const body = (await refused.json()) as { code: string; details: { path: string }[] };
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.details.map((d) => d.path)).toContain('meta.schema');
    }
    const get = () =>
      fetch(`${server.url}/api/v1/card`, { headers: { authorization: `Bearer ${token}` } });
    expect((await get()).status).toBe(404);

    const issued = await post(
      server.url,
      '/api/v1/card/issue',
      { card: fakeEnvelope('v1'), meta },
      token,
    );
    expect(issued.status).toBe(201);
    const put = (schema: string) =>
      fetch(`${server.url}/api/v1/card`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          expected_revision: 1,
          card: fakeEnvelope('v2'),
          meta: { ...meta, schema },
        }),
      });
    const refusedUpdate = await put(foreign);
    expect(refusedUpdate.status).toBe(422);
    expect(((await refusedUpdate.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
    const unchanged = (await (await get()).json()) as { revision: number; meta: unknown };
    expect(unchanged).toMatchObject({ revision: 1, meta });
    expect((await put(CARD_SCHEMA_ID)).status).toBe(200);
  });
});

// ---- A cooperative written from docs/protocol.md only -------------------------------------------

/** RFC 8785 for the JSON values a share holds (objects, arrays, strings, numbers, booleans, null). */
function jcs(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jcs).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${jcs(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest();

/** RFC 9180 base mode, single-shot open: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM. */
function hpkeOpen(
  recipient: { d: string; x: string },
  enc: Buffer,
  info: Buffer,
  aad: Buffer,
  sealed: Buffer,
): Buffer {
  const i2osp = (n: number, length: number) =>
    Buffer.from(n.toString(16).padStart(length * 2, '0'), 'hex');
  const kemSuite = Buffer.concat([Buffer.from('KEM'), i2osp(0x0020, 2)]);
  const hpkeSuite = Buffer.concat([
    Buffer.from('HPKE'),
    i2osp(0x0020, 2),
    i2osp(0x0001, 2),
    i2osp(0x0002, 2),
  ]);
  const extract = (salt: Buffer, ikm: Buffer) => createHmac('sha256', salt).update(ikm).digest();
  const expand = (prk: Buffer, data: Buffer, length: number) =>
    createHmac('sha256', prk)
      .update(Buffer.concat([data, Buffer.from([1])]))
      .digest()
      .subarray(0, length); // every length here is ≤ 32: one block
  const labeledExtract = (suite: Buffer, salt: Buffer, label: string, ikm: Buffer) =>
    extract(salt, Buffer.concat([Buffer.from('HPKE-v1'), suite, Buffer.from(label), ikm]));
  const labeledExpand = (suite: Buffer, prk: Buffer, label: string, data: Buffer, length: number) =>
    expand(
      prk,
      Buffer.concat([i2osp(length, 2), Buffer.from('HPKE-v1'), suite, Buffer.from(label), data]),
      length,
    );
  const none = Buffer.alloc(0);
  const privateKey = createPrivateKey({
    key: { kty: 'OKP', crv: 'X25519', ...recipient },
    format: 'jwk',
  });
  const ephemeral = createPublicKey({
    key: { kty: 'OKP', crv: 'X25519', x: b64url(enc) },
    format: 'jwk',
  });
  const dh = diffieHellman({ privateKey, publicKey: ephemeral });
  const kemContext = Buffer.concat([enc, Buffer.from(recipient.x, 'base64url')]);
  const eaePrk = labeledExtract(kemSuite, none, 'eae_prk', dh);
  const shared = labeledExpand(kemSuite, eaePrk, 'shared_secret', kemContext, 32);
  const context = Buffer.concat([
    Buffer.from([0x00]),
    labeledExtract(hpkeSuite, none, 'psk_id_hash', none),
    labeledExtract(hpkeSuite, none, 'info_hash', info),
  ]);
  const secret = labeledExtract(hpkeSuite, shared, 'secret', none);
  const key = labeledExpand(hpkeSuite, secret, 'key', context, 32);
  const nonce = labeledExpand(hpkeSuite, secret, 'base_nonce', context, 12);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(-16));
  return Buffer.concat([decipher.update(sealed.subarray(0, -16)), decipher.final()]);
}

/** §9: ECDSA verification of the digest, and the key recovered from the signature is the key. */
function k1Verifies(digest: Buffer, publicKey: string, signature: string): boolean {
  const checksum = Checksum256.from(digest);
  const key = PublicKey.from(publicKey);
  const sig = Signature.from(signature);
  return sig.verifyDigest(checksum, key) && sig.recoverDigest(checksum).equals(key);
}

describe('a cooperative written from docs/protocol.md, against the server and the member SDK', () => {
  const coopname = 'protocoop';
  const redirectUri = 'https://protocoop.example/callback';
  let clientSecret: string;
  let dataKey: { d: string; x: string };
  let kid: string;
  let client: CardCoopClient;
  let session: MemberSession;
  /** §10.3, without a chain: the member's K1 key from the first share of each username. */
  const pinnedMemberKeys = new Map<string, string>();

  const basic = (secret = clientSecret) =>
    `Basic ${Buffer.from(`${coopname}:${secret}`).toString('base64')}`;
  const exchange = (body: Record<string, string>, authorization?: string) =>
    fetch(`${server.url}/api/v1/access/exchange-ticket`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(authorization === undefined ? {} : { authorization }),
      },
      body: JSON.stringify(body),
    });
  const read = (username: string, authorization?: string, coop = coopname) =>
    fetch(`${server.url}/api/v1/access/get-encrypted-data/${username}/${coop}`, {
      headers: authorization === undefined ? {} : { authorization },
    });
  const codeOf = async (response: Response) => ((await response.json()) as { code: string }).code;

  /** The member shares (member SDK); the cooperative's PKCE pair and state are its own (§11). */
  async function memberShares(fields: string[]) {
    const verifier = b64url(randomBytes(32));
    const challenge = b64url(sha256(verifier));
    const state = b64url(randomBytes(16));
    const member = client.member(session);
    const { prepared, key } = await member.access.prepare(coopname);
    // The fingerprint the member is shown is SHA-256 of the raw key (§10.1).
    expect(prepared.data_key.fingerprint).toBe(
      sha256(Buffer.from(dataKey.x, 'base64url')).toString('hex'),
    );
    expect(key.fingerprint.display.replaceAll(' ', '').toLowerCase()).toBe(
      prepared.data_key.fingerprint,
    );
    const issued = await member.access.share({
      prepared,
      fields,
      redirectUri,
      state,
      codeChallenge: challenge,
    });
    expect(issued.state).toBe(state);
    return { ticket: issued.ticket, verifier };
  }

  /** §10.3, steps 1–4. */
  function openShare(data: { username: string; envelope: Record<string, unknown> }) {
    const { envelope, username } = data;
    expect(envelope).toMatchObject({ v: 1, suite: 'X25519-HKDF-SHA256-AES256GCM', kid });
    const aad = Buffer.from(
      jcs({ coopname, username, grant_id: `${username}@${coopname}`, kid: envelope.kid }),
    );
    const plaintext = hpkeOpen(
      dataKey,
      Buffer.from(envelope.enc as string, 'base64url'),
      Buffer.from('cardcoop/v1/share'),
      aad,
      Buffer.from(envelope.ct as string, 'base64url'),
    );
    const signed = JSON.parse(plaintext.toString('utf8')) as {
      payload: { coopname: string; username: string; fields: object; signed_at: string };
      public_key: string;
      signature: string;
    };
    // The plaintext is the JCS of the signed object, byte for byte.
    expect(plaintext.toString('utf8')).toBe(jcs(signed));
    expect(k1Verifies(sha256(jcs(signed.payload)), signed.public_key, signed.signature)).toBe(true);
    expect(signed.payload).toMatchObject({ coopname, username });
    const pinned = pinnedMemberKeys.get(username);
    if (pinned === undefined) pinnedMemberKeys.set(username, signed.public_key);
    else expect(signed.public_key).toBe(pinned);
    return signed;
  }

  beforeAll(async () => {
    clientSecret = (
      await server.app.get(CooperativesService).create({
        coopname,
        displayName: 'ПК Протокол',
        redirectUris: [redirectUri],
        admission: 'open',
      })
    ).clientSecret;
    // §10.1: an X25519 key pair, certified with the cooperative's K1 account key.
    const jwk = generateKeyPairSync('x25519').privateKey.export({ format: 'jwk' });
    dataKey = { d: jwk.d!, x: jwk.x! };
    expect(Buffer.from(dataKey.x, 'base64url')).toHaveLength(32);
    kid = `${coopname}-k1`;
    const payload = {
      coopname,
      kid,
      public_key: dataKey.x,
      created_at: new Date().toISOString(),
    };
    const account = PrivateKey.generate('K1');
    const certificate = {
      payload,
      public_key: account.toPublic().toString(),
      signature: account.signDigest(Checksum256.from(sha256(jcs(payload)))).toString(),
    };
    const published = await fetch(`${server.url}/api/v1/coop/data-key`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: basic() },
      body: JSON.stringify(certificate),
    });
    expect(published.status).toBe(204);

    client = createClient({ baseUrl: server.url });
    session = await registerWithSdk(client, 'protocol.member@coop.example');
    const member = client.member(session);
    await member.card.issue(anna);
    await member.card.createAccount(coopname);
  });

  it('opens what the member SDK shared: the consented fields, signed by the member', async () => {
    const { ticket, verifier } = await memberShares(['last_name', 'first_name', 'phone']);
    const exchanged = await exchange(
      { ticket, redirect_uri: redirectUri, code_verifier: verifier },
      basic(),
    );
    expect(exchanged.status).toBe(200);
    const token = coopTokenSchema.parse(await exchanged.json());
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 900, coopname });
    // §11: the token's claims.
    const [header = {}, claims = {}] = token.access_token
      .split('.')
      .slice(0, 2)
      .map(
        (part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>,
      );
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt' });
    expect(claims).toMatchObject({
      sub: coopname,
      aud: 'coop',
      scope: `grant:${token.username}`,
      amr: ['client_secret', 'pkce'],
    });
    expect(claims.exp).toBe((claims.iat as number) + 900);

    const response = await read(token.username, `Bearer ${token.access_token}`);
    expect(response.status).toBe(200);
    const data = encryptedDataSchema.parse(await response.json());
    const signed = openShare(data);
    expect(signed.payload.fields).toEqual({
      last_name: anna.last_name,
      first_name: anna.first_name,
      phone: anna.phone,
    });
    // The key the server reports is the key that signed (and now the pinned one).
    expect(data.public_key).toBe(signed.public_key);
    const [account] = await client.member(session).card.listAccounts();
    expect(signed.public_key).toBe(account!.publicKey);

    // A second share of the same member is signed by the pinned key.
    const again = await memberShares(['first_name']);
    const second = coopTokenSchema.parse(
      await (
        await exchange(
          { ticket: again.ticket, redirect_uri: redirectUri, code_verifier: again.verifier },
          basic(),
        )
      ).json(),
    );
    const reread = encryptedDataSchema.parse(
      await (await read(token.username, `Bearer ${second.access_token}`)).json(),
    );
    expect(openShare(reread).payload.fields).toEqual({ first_name: anna.first_name });
  });

  it('answers the status codes of the table in §11', async () => {
    const { ticket, verifier } = await memberShares(['first_name']);
    const body = { ticket, redirect_uri: redirectUri, code_verifier: verifier };

    // Client credentials: missing, wrong, or a member's bearer token instead.
    for (const authorization of [
      undefined,
      basic('wrong secret'),
      `Bearer ${session.tokens.access_token}`,
    ]) {
      const response = await exchange(body, authorization);
      expect(response.status, authorization).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Basic realm="cooperative"');
      expect(await codeOf(response)).toBe('UNAUTHORIZED');
    }
    const memberOnCoopApi = await fetch(`${server.url}/api/v1/coop/memberships/someoneabcde`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${session.tokens.access_token}` },
    });
    expect(memberOnCoopApi.status).toBe(401);
    expect(await codeOf(memberOnCoopApi)).toBe('UNAUTHORIZED');

    // A malformed body, a wrong verifier (which does not spend the ticket).
    const malformed = await exchange({ ticket, redirect_uri: redirectUri }, basic());
    expect(malformed.status).toBe(422);
    expect(await codeOf(malformed)).toBe('VALIDATION_FAILED');
    const wrongVerifier = await exchange(
      { ...body, code_verifier: b64url(randomBytes(32)) },
      basic(),
    );
    expect(wrongVerifier.status).toBe(400);
    expect(await codeOf(wrongVerifier)).toBe('INVALID_GRANT');

    const token = coopTokenSchema.parse(await (await exchange(body, basic())).json());
    const bearer = `Bearer ${token.access_token}`;
    const username = token.username;
    expect((await read(username, bearer)).status).toBe(200);

    // No bearer; a member token on the cooperative endpoint; a cooperative token on a member one.
    const noBearer = await read(username);
    expect([noBearer.status, await codeOf(noBearer)]).toEqual([401, 'UNAUTHORIZED']);
    const memberToken = await read(username, `Bearer ${session.tokens.access_token}`);
    expect([memberToken.status, await codeOf(memberToken)]).toEqual([401, 'INVALID_TOKEN']);
    const coopOnMember = await fetch(`${server.url}/api/v1/card`, {
      headers: { authorization: bearer },
    });
    expect([coopOnMember.status, await codeOf(coopOnMember)]).toEqual([401, 'INVALID_TOKEN']);

    // Outside the token's scope.
    const otherUser = await read('someoneabcde', bearer);
    expect([otherUser.status, await codeOf(otherUser)]).toEqual([403, 'FORBIDDEN']);

    // An expired cooperative token (signed by the server itself, valid for one second).
    const claims = JSON.parse(
      Buffer.from(token.access_token.split('.')[1]!, 'base64url').toString(),
    ) as { sid: string; gen: number; csv: string };
    const shortLived = await server.app.get(TokenService).sign(
      {
        sub: coopname,
        sid: claims.sid,
        aud: 'coop',
        scope: `grant:${username}`,
        amr: ['client_secret', 'pkce'],
        gen: claims.gen,
        csv: claims.csv,
      },
      1,
    );
    expect((await read(username, `Bearer ${shortLived}`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const expired = await read(username, `Bearer ${shortLived}`);
    expect([expired.status, await codeOf(expired)]).toEqual([401, 'TOKEN_EXPIRED']);

    // A replayed ticket: 400, and the token it produced is over (403).
    const replay = await exchange(body, basic());
    expect([replay.status, await codeOf(replay)]).toEqual([400, 'INVALID_GRANT']);
    const afterReplay = await read(username, bearer);
    expect([afterReplay.status, await codeOf(afterReplay)]).toEqual([403, 'FORBIDDEN']);

    // A revoked grant.
    const fresh = await memberShares(['first_name']);
    const live = coopTokenSchema.parse(
      await (
        await exchange(
          { ticket: fresh.ticket, redirect_uri: redirectUri, code_verifier: fresh.verifier },
          basic(),
        )
      ).json(),
    );
    expect((await read(username, `Bearer ${live.access_token}`)).status).toBe(200);
    await client.member(session).access.revoke(coopname);
    const revoked = await read(username, `Bearer ${live.access_token}`);
    expect([revoked.status, await codeOf(revoked)]).toEqual([403, 'FORBIDDEN']);

    // A rotated secret ends its tokens (401 INVALID_TOKEN) and the old credentials (401).
    const beforeRotation = await memberShares(['first_name']);
    const rotatedToken = coopTokenSchema.parse(
      await (
        await exchange(
          {
            ticket: beforeRotation.ticket,
            redirect_uri: redirectUri,
            code_verifier: beforeRotation.verifier,
          },
          basic(),
        )
      ).json(),
    );
    const oldSecret = clientSecret;
    clientSecret = await server.app.get(CooperativesService).rotateSecret(coopname);
    const rotated = await read(username, `Bearer ${rotatedToken.access_token}`);
    expect([rotated.status, await codeOf(rotated)]).toEqual([401, 'INVALID_TOKEN']);
    const oldCredentials = await exchange(body, basic(oldSecret));
    expect([oldCredentials.status, await codeOf(oldCredentials)]).toEqual([401, 'UNAUTHORIZED']);

    // A malformed username in a /coop/memberships path: 422.
    const badName = await fetch(`${server.url}/api/v1/coop/memberships/Not_A_Name`, {
      method: 'PUT',
      headers: { authorization: basic() },
    });
    expect([badName.status, await codeOf(badName)]).toEqual([422, 'VALIDATION_FAILED']);

    // A certificate that does not verify (signed over other bytes): 422.
    const certificate = {
      payload: {
        coopname,
        kid: 'other-kid',
        public_key: dataKey.x,
        created_at: new Date().toISOString(),
      },
      public_key: PrivateKey.generate('K1').toPublic().toString(),
      signature: PrivateKey.generate('K1')
        .signDigest(Checksum256.from(sha256('something else')))
        .toString(),
    };
    const forged = await fetch(`${server.url}/api/v1/coop/data-key`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: basic() },
      body: JSON.stringify(certificate),
    });
    expect([forged.status, await codeOf(forged)]).toEqual([422, 'VALIDATION_FAILED']);

    // A suspended cooperative: its credentials (401 UNAUTHORIZED) and tokens (401 INVALID_TOKEN).
    const beforeSuspension = await memberShares(['first_name']);
    const suspendedToken = coopTokenSchema.parse(
      await (
        await exchange(
          {
            ticket: beforeSuspension.ticket,
            redirect_uri: redirectUri,
            code_verifier: beforeSuspension.verifier,
          },
          basic(),
        )
      ).json(),
    );
    expect((await read(username, `Bearer ${suspendedToken.access_token}`)).status).toBe(200);
    const cooperatives = server.app.get(CooperativesService);
    const { revision } = await cooperatives.get(coopname);
    await cooperatives.update(coopname, revision, { status: 'suspended' });
    const suspended = await read(username, `Bearer ${suspendedToken.access_token}`);
    expect([suspended.status, await codeOf(suspended)]).toEqual([401, 'INVALID_TOKEN']);
    const suspendedCredentials = await exchange(body, basic());
    expect([suspendedCredentials.status, await codeOf(suspendedCredentials)]).toEqual([
      401,
      'UNAUTHORIZED',
    ]);
  });
});
