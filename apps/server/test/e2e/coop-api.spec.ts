import { PrivateKey } from '@wharfkit/antelope';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardAccountListSchema } from '@cardcoop/contracts';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { fakeEnvelope, post, registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;
let voskhodSecret: string;
let otherSecret: string;
let memberToken: string;

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const membership = (method: 'PUT' | 'DELETE', username: string, authorization?: string) =>
  fetch(`${server.url}/api/v1/coop/memberships/${username}`, {
    method,
    headers: authorization ? { authorization } : {},
  });
const memberships = async () =>
  cardAccountListSchema
    .parse(
      await (
        await fetch(`${server.url}/api/v1/card/accounts`, {
          headers: { authorization: `Bearer ${memberToken}` },
        })
      ).json(),
    )
    .accounts.map((a) => a.membership);

beforeAll(async () => {
  server = await startTestApp();
  const cooperatives = server.app.get(CooperativesService);
  voskhodSecret = (await cooperatives.create({ coopname: 'voskhod', displayName: 'ПК ВОСХОД' }))
    .clientSecret;
  otherSecret = (await cooperatives.create({ coopname: 'othercoop', displayName: 'ПК Другой' }))
    .clientSecret;
  const { tokens } = await registerRaw(server.url, 'coop.member@coop.example', 'coop member');
  memberToken = tokens.access_token;
  const account = {
    coopname: 'voskhod',
    username: 'annapetrovna',
    public_key: PrivateKey.generate('K1').toPublic().toString(),
    encrypted_private_key: fakeEnvelope('wif'),
  };
  expect((await post(server.url, '/api/v1/card/add-account', account, memberToken)).status).toBe(
    201,
  );
});
afterAll(() => server.close());

describe('cooperative API: membership confirmation', () => {
  it('lets a cooperative confirm and withdraw the membership of a username in itself', async () => {
    expect(await memberships()).toEqual(['applicant']);
    expect((await membership('PUT', 'annapetrovna', basic('voskhod', voskhodSecret))).status).toBe(
      204,
    );
    expect(await memberships()).toEqual(['confirmed']);
    expect(
      (await membership('DELETE', 'annapetrovna', basic('voskhod', voskhodSecret))).status,
    ).toBe(204);
    expect(await memberships()).toEqual(['applicant']);
  });

  it("speaks only for the calling cooperative: another one's confirmation changes nothing here", async () => {
    expect((await membership('PUT', 'annapetrovna', basic('othercoop', otherSecret))).status).toBe(
      204,
    );
    expect(await memberships()).toEqual(['applicant']);
  });

  it('refuses missing, wrong and cross-cooperative credentials with 401 and a Basic challenge', async () => {
    for (const authorization of [
      undefined,
      basic('voskhod', 'wrong'),
      basic('voskhod', otherSecret),
      basic('nosuchcoop', voskhodSecret),
      'Bearer x',
    ]) {
      const response = await membership('PUT', 'annapetrovna', authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('Basic');
    }
    expect(await memberships()).toEqual(['applicant']);
  });

  it('refuses a malformed username', async () => {
    expect((await membership('PUT', 'Not-A-Name', basic('voskhod', voskhodSecret))).status).toBe(
      422,
    );
  });
});
