import { PrivateKey } from '@wharfkit/antelope';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardAccountListSchema, cooperativeListSchema } from '@cardcoop/contracts';
import {
  CooperativesService,
  hashClientSecret,
} from '../../src/modules/cooperatives/cooperatives.service.js';
import { CooperativesRepository } from '../../src/modules/cooperatives/cooperatives.repository.js';
import { MembershipsRepository } from '../../src/modules/membership/memberships.repository.js';
import { fakeEnvelope, post, registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;
beforeAll(async () => {
  server = await startTestApp();
  const cooperatives = server.app.get(CooperativesService);
  await cooperatives.create({ coopname: 'voskhod', displayName: 'ПК ВОСХОД' });
  await cooperatives.create({ coopname: 'monocoop', displayName: 'ПК МОНО' });
});
afterAll(() => server.close());

let names = 0;
const username = () =>
  `member${String.fromCharCode(97 + (names++ % 26))}abcd`.slice(0, 12).padEnd(12, 'z');
const account = (coopname: string, name = username()) => ({
  coopname,
  username: name,
  public_key: PrivateKey.generate('K1').toPublic().toString(),
  encrypted_private_key: fakeEnvelope(`wif-for-${name}`),
});

describe('cooperative accounts', () => {
  it('adds one account per cooperative and lists them with the cooperative name', async () => {
    const { tokens } = await registerRaw(server.url, 'accounts@coop.example', 'accounts password');
    const first = account('voskhod');
    expect(
      (await post(server.url, '/api/v1/card/add-account', first, tokens.access_token)).status,
    ).toBe(201);
    expect(
      (await post(server.url, '/api/v1/card/add-account', account('monocoop'), tokens.access_token))
        .status,
    ).toBe(201);
    // The same addition again (its answer was lost): the same account, no second event.
    const retried = await post(server.url, '/api/v1/card/add-account', first, tokens.access_token);
    expect(retried.status).toBe(201);
    expect((await retried.json()).username).toBe(first.username);
    const audit = (await (
      await fetch(`${server.url}/api/v1/audit`, {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      })
    ).json()) as { events: { type: string }[] };
    expect(audit.events.filter((event) => event.type === 'account.added')).toHaveLength(2);
    const again = await post(
      server.url,
      '/api/v1/card/add-account',
      account('voskhod'),
      tokens.access_token,
    );
    expect(again.status).toBe(409);
    expect((await again.json()).code).toBe('ACCOUNT_EXISTS');
    const listed = cardAccountListSchema.parse(
      await (
        await fetch(`${server.url}/api/v1/card/accounts`, {
          headers: { authorization: `Bearer ${tokens.access_token}` },
        })
      ).json(),
    );
    expect(listed.accounts.map((a) => [a.coopname, a.display_name])).toEqual([
      ['voskhod', 'ПК ВОСХОД'],
      ['monocoop', 'ПК МОНО'],
    ]);
    expect(listed.accounts[0]).toMatchObject({
      username: first.username,
      public_key: first.public_key,
      membership: 'applicant',
    });
    expect(listed.accounts[0]!.encrypted_private_key).toEqual(first.encrypted_private_key);
  });

  it('keeps usernames unique across members and refuses unknown cooperatives and bad keys', async () => {
    const one = await registerRaw(server.url, 'first.user@coop.example', 'first user');
    const two = await registerRaw(server.url, 'second.user@coop.example', 'second user');
    const taken = account('voskhod', 'uniquenamexx');
    expect(
      (await post(server.url, '/api/v1/card/add-account', taken, one.tokens.access_token)).status,
    ).toBe(201);
    const clash = await post(
      server.url,
      '/api/v1/card/add-account',
      { ...account('voskhod'), username: 'uniquenamexx' },
      two.tokens.access_token,
    );
    expect(clash.status).toBe(409);
    expect((await clash.json()).code).toBe('USERNAME_TAKEN');
    expect(
      (
        await post(
          server.url,
          '/api/v1/card/add-account',
          account('nosuchcoop'),
          two.tokens.access_token,
        )
      ).status,
    ).toBe(404);
    const key = account('monocoop').public_key;
    const broken = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    const badKey = await post(
      server.url,
      '/api/v1/card/add-account',
      { ...account('monocoop'), public_key: broken },
      two.tokens.access_token,
    );
    expect(badKey.status).toBe(422);
    const badName = await post(
      server.url,
      '/api/v1/card/add-account',
      { ...account('monocoop'), username: 'Bad-Name' },
      two.tokens.access_token,
    );
    expect(badName.status).toBe(422);
    const mine = cardAccountListSchema.parse(
      await (
        await fetch(`${server.url}/api/v1/card/accounts`, {
          headers: { authorization: `Bearer ${two.tokens.access_token}` },
        })
      ).json(),
    );
    expect(mine.accounts).toEqual([]);
  });
});

describe('membership (built-in registry)', () => {
  it('shows an account as confirmed once its cooperative confirms the username', async () => {
    const { tokens } = await registerRaw(server.url, 'confirmed.member@coop.example', 'confirmed');
    const mine = account('voskhod', 'confirmedmem');
    await post(server.url, '/api/v1/card/add-account', mine, tokens.access_token);
    const list = async () =>
      cardAccountListSchema.parse(
        await (
          await fetch(`${server.url}/api/v1/card/accounts`, {
            headers: { authorization: `Bearer ${tokens.access_token}` },
          })
        ).json(),
      ).accounts[0]!.membership;
    expect(await list()).toBe('applicant');
    await server.app.get(MembershipsRepository).confirm('voskhod', 'confirmedmem');
    expect(await list()).toBe('confirmed');
    await server.app.get(MembershipsRepository).revoke('voskhod', 'confirmedmem');
    expect(await list()).toBe('applicant');
  });
});

describe('GET /cooperatives', () => {
  it("lists active cooperatives with the member's account and membership in each", async () => {
    const { tokens } = await registerRaw(server.url, 'lister@coop.example', 'lister password');
    await post(
      server.url,
      '/api/v1/card/add-account',
      account('voskhod', 'listermember'),
      tokens.access_token,
    );
    const response = await fetch(`${server.url}/api/v1/cooperatives`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    const { cooperatives } = cooperativeListSchema.parse(await response.json());
    expect(cooperatives.find((c) => c.coopname === 'voskhod')).toEqual({
      coopname: 'voskhod',
      display_name: 'ПК ВОСХОД',
      account: { username: 'listermember', membership: 'applicant' },
      accepts_data: false,
    });
    expect(cooperatives.find((c) => c.coopname === 'monocoop')?.account).toBeNull();
    expect((await fetch(`${server.url}/api/v1/cooperatives`)).status).toBe(401);
  });
});

describe('cooperative registry', () => {
  it('stores only a hash of the client secret and rotates it', async () => {
    const cooperatives = server.app.get(CooperativesService);
    const { clientSecret } = await cooperatives.create({
      coopname: 'rotating',
      displayName: 'ПК Ротация',
    });
    const repository = server.app.get(CooperativesRepository);
    const before = await repository.find('rotating');
    expect(before!.clientSecretHash).toBe(hashClientSecret(clientSecret));
    expect(JSON.stringify(before)).not.toContain(clientSecret);
    const rotated = await cooperatives.rotateSecret('rotating');
    expect(rotated).not.toBe(clientSecret);
    expect((await repository.find('rotating'))!.clientSecretHash).toBe(hashClientSecret(rotated));
    await expect(
      cooperatives.create({ coopname: 'rotating', displayName: 'again' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(cooperatives.rotateSecret('nosuchcoop')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
