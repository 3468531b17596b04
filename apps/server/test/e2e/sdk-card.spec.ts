import { PrivateKey } from '@wharfkit/antelope';
import { createClient } from '@cardcoop/sdk';
import type { CardCoopClient, MemberSession, CardCoopError } from '@cardcoop/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { individual } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { dumpEveryTable } from '../support/database-dump.js';
import { latestCode, POLICY_VERSION, TEST_KSF } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/** The SDK's card vault and accounts against the real server: only ciphertext reaches it. */
describe('SDK card vault against the server', () => {
  let server: TestApp;
  let client: CardCoopClient;
  let session: MemberSession;

  beforeAll(async () => {
    server = await startTestApp();
    await server.app
      .get(CooperativesService)
      .create({ coopname: 'voskhod', displayName: 'ПК ВОСХОД' });
    client = createClient({ baseUrl: server.url, language: 'en' });
    const email = 'sdk.card@coop.example';
    await client.auth.startRegistration({ email, privacyVersion: POLICY_VERSION });
    session = await client.auth.completeRegistration({
      email,
      code: await latestCode(server.url, email),
      password: 'card password',
      ksf: TEST_KSF,
    });
  });
  afterAll(() => server.close());

  it('issues, reads and updates the card with revisions; the database holds no plaintext', async () => {
    const member = client.member(session);
    await member.card.issue(individual);
    const read = await member.card.get();
    expect(read.data).toEqual(individual);
    expect(read.revision).toBe(1);
    const written = await member.card.update({ ...individual, phone: '+79997654321' }, 1);
    expect(written.revision).toBe(2);
    const stale = await member.card.update(individual, 1).catch((e: unknown) => e);
    expect((stale as CardCoopError).code).toBe('CONFLICT');
    expect((await member.card.get()).data.phone).toBe('+79997654321');

    const dump = await dumpEveryTable(server);
    for (const plaintext of ['Петров', 'Тверская', '+79997654321', '772-053', 'ivan@example.com']) {
      expect(dump).not.toContain(plaintext);
    }
  });

  it('creates an account in a cooperative whose sealed key opens to the published public key', async () => {
    const member = client.member(session);
    await member.card.createAccount('voskhod');
    const [account] = await member.card.listAccounts();
    expect(account).toMatchObject({
      coopname: 'voskhod',
      displayName: 'ПК ВОСХОД',
      membership: 'applicant',
    });
    expect(account!.username).toMatch(/^[a-z]{12}$/);
    const wif = await account!.privateKey();
    expect(PrivateKey.from(wif).toPublic().toString()).toBe(account!.publicKey);
    expect(await dumpEveryTable(server)).not.toContain(wif);
  });
});
