import { PrivateKey } from '@wharfkit/antelope';
import { accountProofPayload, cardAccountListSchema, errorBodySchema } from '@cardcoop/contracts';
import { createClient, signObject } from '@cardcoop/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { startAntelopeNode } from '../support/antelope-node.js';
import type { AntelopeNode } from '../support/antelope-node.js';
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

// Attack (issue 10): with a chain configured, `card/add-account` attached any username free in
// our database, including a participant's that exists on chain — and the attacker was then
// shown as that confirmed member. Now an on-chain username needs a key of that account's
// owner/active permission and a signed, single-use server challenge proving it is held.

const COOPNAME = 'claimcoop';
const VICTIM = 'victimmember';
const victimKey = PrivateKey.generate('K1');

let node: AntelopeNode;
let server: TestApp;

beforeAll(async () => {
  node = await startAntelopeNode({
    participants: { [COOPNAME]: [{ username: VICTIM, status: 'accepted', type: 'individual' }] },
    accounts: {
      [VICTIM]: {
        owner: [PrivateKey.generate('K1').toPublic().toString()],
        active: [victimKey.toPublic().toString()],
      },
    },
  });
  server = await startTestApp({ env: { CHAIN_RPC_URL: node.url } });
  await server.app
    .get(CooperativesService)
    .create({ coopname: COOPNAME, displayName: 'ПК Заявка' });
});
afterAll(async () => {
  await server.close();
  await node.close();
});

async function member(email: string) {
  return (await registerRaw(server.url, email, 'claim password')).tokens.access_token;
}

const challenge = async (token: string, username: string, coopname = COOPNAME) => {
  const response = await post(
    server.url,
    '/api/v1/card/account-challenge',
    { coopname, username },
    token,
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as { challenge: string }).challenge;
};

const sign = (key: PrivateKey, value: string, username: string, coopname = COOPNAME) =>
  signObject(accountProofPayload({ challenge: value, coopname, username }), key.toWif()).signature;

const addAccount = (
  token: string,
  username: string,
  key: PrivateKey,
  proof?: { challenge: string; signature: string },
) =>
  post(
    server.url,
    '/api/v1/card/add-account',
    {
      coopname: COOPNAME,
      username,
      public_key: key.toPublic().toString(),
      encrypted_private_key: fakeEnvelope('wif'),
      ...(proof ? { proof } : {}),
    },
    token,
  );

async function accountsOf(token: string) {
  const response = await fetch(`${server.url}/api/v1/card/accounts`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return cardAccountListSchema.parse(await response.json()).accounts;
}

async function expectProofRefused(response: Response) {
  expect(response.status).toBe(422);
  const body = errorBodySchema.parse(await response.json());
  expect(body.code).toBe('VALIDATION_FAILED');
  expect(body.details?.map((issue) => issue.path)).toEqual(['proof']);
}

describe('claiming a username that exists on chain', () => {
  it("refuses a participant's username under the attacker's own key, proof or not", async () => {
    const attacker = await member('claim.attacker@coop.example');
    const own = PrivateKey.generate('K1');
    const plain = await addAccount(attacker, VICTIM, own);
    expect(plain.status).toBe(409);
    expect(errorBodySchema.parse(await plain.json()).code).toBe('USERNAME_TAKEN');
    const value = await challenge(attacker, VICTIM);
    const proven = await addAccount(attacker, VICTIM, own, {
      challenge: value,
      signature: sign(own, value, VICTIM),
    });
    expect(proven.status).toBe(409);
    expect(await accountsOf(attacker)).toEqual([]);
  });

  it("refuses the victim's public key without a proof made with its private key", async () => {
    const attacker = await member('claim.copycat@coop.example');
    // The account's keys are public on chain: naming one proves nothing.
    await expectProofRefused(await addAccount(attacker, VICTIM, victimKey));
    const value = await challenge(attacker, VICTIM);
    const forged = PrivateKey.generate('K1');
    await expectProofRefused(
      await addAccount(attacker, VICTIM, victimKey, {
        challenge: value,
        signature: sign(forged, value, VICTIM),
      }),
    );
    expect(await accountsOf(attacker)).toEqual([]);
  });

  it('attaches it for the key holder, once; a challenge is single use and bound to member and name', async () => {
    const owner = await member('claim.owner@coop.example');
    const other = await member('claim.other@coop.example');

    // A challenge issued to someone else, or for another username, proves nothing here.
    const othersChallenge = await challenge(other, VICTIM);
    await expectProofRefused(
      await addAccount(owner, VICTIM, victimKey, {
        challenge: othersChallenge,
        signature: sign(victimKey, othersChallenge, VICTIM),
      }),
    );
    const otherName = await challenge(owner, 'someoneelsex');
    await expectProofRefused(
      await addAccount(owner, VICTIM, victimKey, {
        challenge: otherName,
        signature: sign(victimKey, otherName, VICTIM),
      }),
    );

    const value = await challenge(owner, VICTIM);
    const proof = { challenge: value, signature: sign(victimKey, value, VICTIM) };
    const added = await addAccount(owner, VICTIM, victimKey, proof);
    expect(added.status).toBe(201);
    expect(await accountsOf(owner)).toMatchObject([
      { username: VICTIM, coopname: COOPNAME, membership: 'confirmed' },
    ]);

    // Replayed by another member (who saw the request): the challenge is spent.
    await expectProofRefused(await addAccount(other, VICTIM, victimKey, proof));
  });

  it('adds usernames that are not on chain as before, with or without a proof', async () => {
    const newcomer = await member('claim.newcomer@coop.example');
    const key = PrivateKey.generate('K1');
    const added = await addAccount(newcomer, 'freshmemberx', key);
    expect(added.status).toBe(201);
    expect(await accountsOf(newcomer)).toMatchObject([
      { username: 'freshmemberx', membership: 'applicant' },
    ]);
    // A proof that is given is checked even so.
    const second = await member('claim.second@coop.example');
    await expectProofRefused(
      await addAccount(second, 'freshmembery', key, {
        challenge: 'A'.repeat(43),
        signature: sign(key, 'A'.repeat(43), 'freshmembery'),
      }),
    );
  });

  it('answers 503 and attaches nothing while the chain cannot be asked', async () => {
    const down = await startTestApp({
      env: { CHAIN_RPC_URL: 'http://127.0.0.1:9' },
      ...(server.databaseUrl ? { databaseUrl: server.databaseUrl } : {}),
      secrets: server.secrets,
    });
    try {
      if (!server.databaseUrl)
        await down.app
          .get(CooperativesService)
          .create({ coopname: COOPNAME, displayName: 'ПК Заявка' });
      const { tokens } = await registerRaw(down.url, 'claim.down@coop.example', 'claim password');
      const response = await post(
        down.url,
        '/api/v1/card/add-account',
        {
          coopname: COOPNAME,
          username: 'downmemberxx',
          public_key: PrivateKey.generate('K1').toPublic().toString(),
          encrypted_private_key: fakeEnvelope('wif'),
        },
        tokens.access_token,
      );
      expect(response.status).toBe(503);
      const list = await fetch(`${down.url}/api/v1/card/accounts`, {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      });
      expect(cardAccountListSchema.parse(await list.json()).accounts).toEqual([]);
    } finally {
      await down.close();
    }
  });

  it("the SDK's createAccount proves its key (the server checks every proof given)", async () => {
    const client = createClient({ baseUrl: server.url, language: 'en' });
    const email = 'claim.sdk@coop.example';
    await client.auth.startRegistration({ email, privacyVersion: POLICY_VERSION });
    const session = await client.auth.completeRegistration({
      email,
      code: await latestCode(server.url, email),
      password: 'claim password',
      ksf: TEST_KSF,
    });
    const account = await client.member(session).card.createAccount(COOPNAME);
    expect(account.username).toMatch(/^[a-z]{12}$/);
    const [listed] = await client.member(session).card.listAccounts();
    expect(listed).toMatchObject({ username: account.username, publicKey: account.publicKey });
    expect(
      node.requests.some(
        (request) =>
          request.path === '/v1/chain/get_account' &&
          request.params.account_name === account.username,
      ),
    ).toBe(true);
  });
});
