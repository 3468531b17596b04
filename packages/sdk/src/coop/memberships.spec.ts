import type { IndividualCard } from '@cardcoop/contracts';
import { PrivateKey } from '@wharfkit/antelope';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberClient } from '../member/member-client.js';
import { coopScene } from '../testing/coop-scene.js';
import type { CoopScene } from '../testing/coop-scene.js';
import { errorCode } from '../testing/member-fixture.js';
import type { CoopCredentials } from './client-credentials.js';
import {
  certifyDataKey,
  confirmMembership,
  generateDataKey,
  listClosedAccounts,
  publishDataKey,
  withdrawMembership,
} from './index.js';

/** Memberships, closed accounts and the data key through the cooperative SDK, against the real server. */
const card: IndividualCard = {
  kind: 'individual',
  first_name: 'Ольга',
  last_name: 'Смирнова',
  birthdate: '1988-02-03',
  full_address: 'г. Москва, ул. Тверская, д. 2, кв. 3',
  phone: '+79991234568',
  email: 'olga@example.com',
};

let scene: CoopScene;
let voskhod: CoopCredentials;
let member: MemberClient;

beforeAll(async () => {
  scene = await coopScene(card);
  ({ voskhod, member } = scene);
});
afterAll(() => scene.close());

const voskhodAccount = async () =>
  (await member.cooperatives.list()).find(({ coopname }) => coopname === 'voskhod');

describe('memberships through the cooperative SDK', () => {
  it('confirms a membership idempotently and withdraws it', async () => {
    const { username } = await member.card.createAccount('voskhod');
    expect((await voskhodAccount())?.account).toEqual({ username, membership: 'applicant' });
    await confirmMembership(voskhod, username);
    await confirmMembership(voskhod, username);
    expect((await voskhodAccount())?.account).toEqual({ username, membership: 'confirmed' });
    await withdrawMembership(voskhod, username);
    expect((await voskhodAccount())?.account?.membership).not.toBe('confirmed');
  });

  it('lists the accounts members closed, a page at a time', async () => {
    expect(await listClosedAccounts(voskhod)).toEqual({ accounts: [], next: null });
    const { username } = (await voskhodAccount())!.account!;
    await member.card.closeAccount('voskhod');
    const second = (await member.card.createAccount('voskhod')).username;
    await member.card.closeAccount('voskhod');
    const first = await listClosedAccounts(voskhod, { limit: 1 });
    expect(first.accounts.map((account) => account.username)).toEqual([username]);
    expect(first.next).not.toBeNull();
    const rest = await listClosedAccounts(voskhod, { after: first.next!, limit: 1 });
    expect(rest.accounts.map((account) => account.username)).toEqual([second]);
  });

  it('refuses wrong credentials', async () => {
    const wrong = { ...voskhod, clientSecret: 'not the secret' };
    expect(await errorCode(confirmMembership(wrong, 'abcdefghijkl'))).toBe('UNAUTHORIZED');
    expect(await errorCode(listClosedAccounts(wrong))).toBe('UNAUTHORIZED');
  });
});

/** A new data key of voskhod, certified with a (random) account key. */
async function voskhodCertificate() {
  const key = await generateDataKey({ coopname: 'voskhod' });
  return certifyDataKey({
    coopname: 'voskhod',
    kid: key.kid,
    publicKey: key.publicKey,
    accountPrivateKeyWif: PrivateKey.generate('K1').toWif(),
  });
}

describe('the data key through the cooperative SDK', () => {
  it('publishes a certified key: the cooperative then accepts shared data', async () => {
    expect((await voskhodAccount())?.accepts_data).toBe(false);
    const certificate = await voskhodCertificate();
    await publishDataKey(voskhod, certificate);
    expect((await voskhodAccount())?.accepts_data).toBe(true);
  });

  it('refuses a broken certificate before sending it', async () => {
    const certificate = await voskhodCertificate();
    await expect(
      publishDataKey(voskhod, { ...certificate, signature: 'not a signature' }),
    ).rejects.toThrow(TypeError);
  });
});
