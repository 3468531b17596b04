import { createHash, randomBytes } from 'node:crypto';
import { Checksum256, PrivateKey } from '@wharfkit/antelope';
import { canonicalize } from '@cardcoop/sdk';
import { preparedShareSchema } from '@cardcoop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { fakeEnvelope, post, registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;
let secrets: Record<string, string>;
const coopKey = PrivateKey.generate('K1');
const dataKey = randomBytes(32).toString('base64url');

const basic = (coopname: string) =>
  `Basic ${Buffer.from(`${coopname}:${secrets[coopname]}`).toString('base64')}`;

/** A certificate of the cooperative's X25519 key, signed by its K1 account key as MONO signs. */
function certificate(coopname: string, signer = coopKey, publicKey = dataKey) {
  const payload = {
    coopname,
    kid: 'k1',
    public_key: publicKey,
    created_at: '2026-11-22T00:00:00Z',
  };
  const digest = Checksum256.hash(new TextEncoder().encode(canonicalize(payload)));
  return {
    payload,
    public_key: signer.toPublic().toString(),
    signature: signer.signDigest(digest).toString(),
  };
}

const putKey = (coopname: string, body: unknown, authorization = basic(coopname)) =>
  fetch(`${server.url}/api/v1/coop/data-key`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  server = await startTestApp();
  const cooperatives = server.app.get(CooperativesService);
  secrets = {
    voskhod: (await cooperatives.create({ coopname: 'voskhod', displayName: 'ПК ВОСХОД' }))
      .clientSecret,
    keyless: (await cooperatives.create({ coopname: 'keyless', displayName: 'ПК Без ключа' }))
      .clientSecret,
  };
});
afterAll(() => server.close());

describe('cooperative data key', () => {
  it('accepts a certificate signed by the K1 key it names, for the calling cooperative only', async () => {
    expect((await putKey('voskhod', certificate('keyless'))).status).toBe(422);
    const tampered = {
      ...certificate('voskhod'),
      payload: { ...certificate('voskhod').payload, kid: 'k2' },
    };
    expect((await putKey('voskhod', tampered)).status).toBe(422);
    const foreignSigner = certificate('voskhod');
    foreignSigner.public_key = PrivateKey.generate('K1').toPublic().toString();
    expect((await putKey('voskhod', foreignSigner)).status).toBe(422);
    expect((await putKey('voskhod', certificate('voskhod'), 'Basic eDp5')).status).toBe(401);
    expect((await putKey('voskhod', certificate('voskhod'))).status).toBe(204);
  });
});

describe('prepare-share-data', () => {
  it('shows the certified key, its fingerprint and the requested fields to a confirmed member only', async () => {
    const { tokens } = await registerRaw(server.url, 'sharer@coop.example', 'sharer password');
    const prepare = (coopname: string) =>
      post(server.url, '/api/v1/access/prepare-share-data', { coopname }, tokens.access_token);

    expect((await (await prepare('keyless')).json()).code).toBe('COOPERATIVE_NOT_READY');
    // No account in a members-only cooperative: not a member (and nothing is made).
    expect((await (await prepare('voskhod')).json()).code).toBe('NOT_A_MEMBER');
    expect((await prepare('nosuchcoop')).status).toBe(404);

    const account = {
      coopname: 'voskhod',
      username: 'sharermember',
      public_key: PrivateKey.generate('K1').toPublic().toString(),
      encrypted_private_key: fakeEnvelope('wif'),
    };
    expect(
      (await post(server.url, '/api/v1/card/add-account', account, tokens.access_token)).status,
    ).toBe(201);
    const pending = await prepare('voskhod');
    expect(pending.status).toBe(403);
    expect((await pending.json()).code).toBe('NOT_A_MEMBER');

    // A cooperative that admits applicants lets them share to apply, and says they are applicants.
    const cooperatives = server.app.get(CooperativesService);
    const { revision } = await cooperatives.update('voskhod', 1, { admission: 'open' });
    const applicant = preparedShareSchema.parse(await (await prepare('voskhod')).json());
    expect(applicant.membership).toBe('applicant');
    await cooperatives.update('voskhod', revision, { admission: 'members' });
    expect((await prepare('voskhod')).status).toBe(403);

    await fetch(`${server.url}/api/v1/coop/memberships/sharermember`, {
      method: 'PUT',
      headers: { authorization: basic('voskhod') },
    });
    const ready = preparedShareSchema.parse(await (await prepare('voskhod')).json());
    expect(ready).toMatchObject({
      coopname: 'voskhod',
      display_name: 'ПК ВОСХОД',
      // No legal name set: the display name; no purpose set: the client's default wording.
      legal_name: 'ПК ВОСХОД',
      consent_purpose: null,
      username: 'sharermember',
      membership: 'confirmed',
    });
    expect(ready.data_key.certificate.payload.public_key).toBe(dataKey);
    expect(ready.data_key.fingerprint).toBe(
      createHash('sha256').update(Buffer.from(dataKey, 'base64url')).digest('hex'),
    );
    expect(ready.requested_fields).toEqual([
      'last_name',
      'first_name',
      'middle_name',
      'birthdate',
      'phone',
      'email',
    ]);
  });
});
