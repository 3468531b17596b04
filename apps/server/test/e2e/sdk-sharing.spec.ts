import { PrivateKey } from '@wharfkit/antelope';
import { createClient } from '@cardcoop/sdk';
import type { CardCoopClient, CardCoopError, MemberSession } from '@cardcoop/sdk';
import {
  certifyDataKey,
  exchangeTicket,
  fetchSharedData,
  generateDataKey,
  openSharedData,
  startShare,
} from '@cardcoop/sdk/coop';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anna } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { dumpEveryTable } from '../support/database-dump.js';
import { latestCode, POLICY_VERSION, TEST_KSF } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

interface Coop {
  coopname: string;
  secret: string;
  redirectUri: string;
  key: Awaited<ReturnType<typeof generateDataKey>>;
}

/**
 * The issue-4 story through both SDKs against the real server: a member with a card and accounts
 * in two cooperatives shares with one; it exchanges the ticket and decrypts exactly the consented
 * fields, signed by the member; after the member revokes, it can no longer read.
 */
describe('sharing through the SDKs', () => {
  let server: TestApp;
  let client: CardCoopClient;
  let session: MemberSession;
  const coops: Record<'a' | 'b', Coop> = {} as Record<'a' | 'b', Coop>;

  async function registerCoop(name: 'a' | 'b', coopname: string) {
    const redirectUri = `https://${coopname}.example/callback`;
    const { clientSecret } = await server.app
      .get(CooperativesService)
      .create({ coopname, displayName: `ПК ${coopname}`, redirectUris: [redirectUri] });
    const accountKey = PrivateKey.generate('K1');
    const key = await generateDataKey({ coopname });
    const certificate = await certifyDataKey({
      coopname,
      kid: key.kid,
      publicKey: key.publicKey,
      accountPrivateKeyWif: accountKey.toWif(),
    });
    const put = await fetch(`${server.url}/api/v1/coop/data-key`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${coopname}:${clientSecret}`).toString('base64')}`,
      },
      body: JSON.stringify(certificate),
    });
    expect(put.status).toBe(204);
    coops[name] = { coopname, secret: clientSecret, redirectUri, key };
  }

  beforeAll(async () => {
    server = await startTestApp();
    await registerCoop('a', 'coopalpha');
    await registerCoop('b', 'coopbeta');
    client = createClient({ baseUrl: server.url, language: 'en' });
    const email = 'sharing.story@coop.example';
    await client.auth.startRegistration({ email, privacyVersion: POLICY_VERSION });
    session = await client.auth.completeRegistration({
      email,
      code: await latestCode(server.url, email),
      password: 'story password',
      ksf: TEST_KSF,
    });
    const member = client.member(session);
    await member.card.issue(anna);
    for (const coop of Object.values(coops)) {
      await member.card.createAccount(coop.coopname);
    }
    for (const account of await member.card.listAccounts()) {
      const coop = Object.values(coops).find((c) => c.coopname === account.coopname)!;
      await fetch(`${server.url}/api/v1/coop/memberships/${account.username}`, {
        method: 'PUT',
        headers: {
          authorization: `Basic ${Buffer.from(`${coop.coopname}:${coop.secret}`).toString('base64')}`,
        },
      });
    }
  });
  afterAll(() => server.close());

  it('delivers exactly the consented fields to cooperative A, signed by the member, and nothing after revocation', async () => {
    const member = client.member(session);
    const a = coops.a;
    const start = await startShare({ redirectUri: a.redirectUri });
    const { prepared, key } = await member.access.prepare(a.coopname);
    expect(key.fingerprint.hex).toMatch(/^[0-9a-f]{64}$/);
    const ticket = await member.access.share({
      prepared,
      fields: ['last_name', 'first_name', 'phone'],
      redirectUri: a.redirectUri,
      state: start.state,
      codeChallenge: start.codeChallenge,
    });
    expect(ticket.state).toBe(start.state);

    const token = await exchangeTicket({
      baseUrl: server.url,
      coopname: a.coopname,
      clientSecret: a.secret,
      ticket: ticket.ticket,
      redirectUri: a.redirectUri,
      codeVerifier: start.codeVerifier,
    });
    const stored = await fetchSharedData({
      baseUrl: server.url,
      token: token.access_token,
      username: token.username,
      coopname: a.coopname,
    });
    const account = (await member.card.listAccounts()).find((x) => x.coopname === a.coopname)!;
    const opened = await openSharedData({
      envelope: stored.envelope,
      dataPrivateKey: a.key.privateKey,
      coopname: a.coopname,
      username: token.username,
      expectedMemberKey: account.publicKey,
    });
    expect(opened.fields).toEqual({
      last_name: 'Петрова',
      first_name: 'Анна',
      phone: '+79001112233',
    });

    // A dump after sharing holds no plaintext personal data and no private key.
    const dump = await dumpEveryTable(server);
    for (const secret of [
      'Петрова',
      'Советская',
      '+79001112233',
      await account.privateKey(),
      a.key.privateKey,
    ]) {
      expect(dump).not.toContain(secret);
    }

    // Cooperative B's key cannot open what was sealed to A.
    await expect(
      openSharedData({
        envelope: stored.envelope,
        dataPrivateKey: coops.b.key.privateKey,
        coopname: a.coopname,
        username: token.username,
      }),
    ).rejects.toMatchObject({ code: 'DECRYPTION_FAILED' });

    expect((await member.access.list()).map((g) => g.coopname)).toEqual([a.coopname]);
    await member.access.revoke(a.coopname);
    const after = await fetchSharedData({
      baseUrl: server.url,
      token: token.access_token,
      username: token.username,
      coopname: a.coopname,
    }).catch((e: unknown) => e);
    expect((after as CardCoopError).code).toBe('FORBIDDEN');
    // The grant stays on the member's list as history, with the date it ended.
    expect(await member.access.list()).toMatchObject([
      { coopname: a.coopname, fields: ['last_name', 'first_name', 'phone'] },
    ]);
    expect((await member.access.list())[0]!.revoked_at).not.toBeNull();

    // The member's security log tells who read the data, and that access ended.
    const events = await member.audit.list();
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['grant.read', 'grant.revoked']),
    );
    expect(events.find((event) => event.type === 'grant.read')?.data).toMatchObject({
      coopname: a.coopname,
    });
  });
});
