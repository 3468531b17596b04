import type { IndividualCard, NewAccount, ShareEnvelope } from '@cardcoop/contracts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exchangeTicket, fetchSharedData, openSharedData } from '../coop/index.js';
import type { DataKeyPair } from '../coop/index.js';
import { ACCOUNT_ATTEMPTS } from '../card/new-account.js';
import { errorCode, registeredMember, startServer, Wire } from '../testing/member-fixture.js';
import type { Fixture, TestApp } from '../testing/member-fixture.js';
import { fixtureMember, sharingCooperative, shareWith } from '../testing/sharing-scene.js';
import { createMemberClient } from './member-client.js';
import type { MemberClient } from './member-client.js';

const COOPNAME = 'coopapplying';
const REDIRECT_URI = 'https://applying.example/cardcoop/callback';
const LEGAL_NAME = 'Потребительский кооператив «Принимаем»';

const card: IndividualCard = {
  kind: 'individual',
  first_name: 'Иван',
  last_name: 'Петров',
  birthdate: '1990-04-12',
  full_address: 'г. Москва, ул. Тверская, д. 1, кв. 1',
  phone: '+79991234567',
  email: 'ivan@example.com',
};

let server: TestApp;
/** The cooperative's own network (it is not the member's device). */
const coopWire = new Wire();
let clientSecret: string;
let dataKey: DataKeyPair;
let fixture: Fixture;
let member: MemberClient;

interface SentShare {
  envelope: ShareEnvelope;
  fields: string[];
  new_account?: NewAccount;
}
const sentShares = () =>
  fixture.wire.requests
    .filter((request) => request.path === 'access/share-data')
    .map((request) => request.body as SentShare);

/** The server's error answer, given in its place. */
const problem = (status: number, code: string) =>
  Response.json({ statusCode: status, code, message: code, path: '/', requestId: 'r' }, { status });

const share = () =>
  shareWith(member, COOPNAME, REDIRECT_URI, ['first_name', 'phone', 'middle_name']);

beforeAll(async () => {
  server = await startServer();
  ({ clientSecret, dataKey } = await sharingCooperative(server, coopWire, {
    coopname: COOPNAME,
    display_name: 'ПК Принимаем',
    legal_name: LEGAL_NAME,
    redirect_uri: REDIRECT_URI,
    requested_fields: ['first_name', 'phone', 'middle_name'],
  }));
});
afterAll(() => server.close());

beforeEach(async () => {
  fixture = await registeredMember(server);
  member = fixtureMember(server, fixture);
  await member.card.issue(card);
  fixture.wire.reset();
});

afterEach(() => member.session.close());

describe('sharing with a cooperative where the member has no account yet', () => {
  it('prepares without making anything, then opens the account with the share itself', async () => {
    const { prepared } = await member.access.prepare(COOPNAME);
    expect(prepared).toMatchObject({ username: null, membership: 'applicant' });
    expect(prepared.legal_name).toBe(LEGAL_NAME);
    expect(await member.card.listAccounts()).toEqual([]);

    fixture.wire.reset();
    const { started, issued } = await share();
    // No add-account: the account travels with the share, proven by a signed challenge.
    expect(fixture.wire.calls).not.toContain('card/add-account');
    expect(fixture.wire.calls).toContain('card/account-challenge');
    const [sent] = sentShares();
    // The names of what was sealed (the card has no middle name), never the values.
    expect(sent!.fields).toEqual(['first_name', 'phone']);
    expect(sent!.new_account).toMatchObject({ proof: { challenge: expect.any(String) } });

    const [account] = await member.card.listAccounts();
    expect(account).toMatchObject({
      coopname: COOPNAME,
      username: sent!.new_account!.username,
      publicKey: sent!.new_account!.public_key,
      closedAt: null,
    });
    // Its key was sealed for this member and this username: the device opens it.
    expect(await account!.privateKey()).toMatch(/^5/);

    const token = await exchangeTicket({
      baseUrl: server.url,
      coopname: COOPNAME,
      clientSecret,
      ticket: issued.ticket,
      redirectUri: REDIRECT_URI,
      codeVerifier: started.codeVerifier,
      fetch: coopWire.fetch,
    });
    const data = await fetchSharedData({
      baseUrl: server.url,
      token: token.access_token,
      username: token.username,
      coopname: COOPNAME,
      fetch: coopWire.fetch,
    });
    const opened = await openSharedData({
      envelope: data.envelope,
      dataPrivateKey: dataKey.privateKey,
      coopname: COOPNAME,
      username: account!.username,
      expectedMemberKey: account!.publicKey,
    });
    expect(opened.fields).toEqual({ first_name: 'Иван', phone: '+79991234567' });
  });

  it('tries a fresh username when one is taken, sealing the data again for it', async () => {
    // The server's answer to the first try: that name is taken (refused in its place).
    const refused: SentShare[] = [];
    fixture.wire.intercept('access/share-data', (request) => {
      if (refused.length > 0) return undefined;
      refused.push(request.body as SentShare);
      return problem(409, 'USERNAME_TAKEN');
    });
    await share();
    const [first] = refused;
    const [second] = sentShares();
    expect(second!.new_account!.username).not.toBe(first!.new_account!.username);
    expect(second!.envelope.ct).not.toBe(first!.envelope.ct);
    const [account] = await member.card.listAccounts();
    expect(account!.username).toBe(second!.new_account!.username);

    // Every name taken: USERNAME_TAKEN after ACCOUNT_ATTEMPTS tries, and no account.
    const fresh = await registeredMember(server);
    const other = createMemberClient({
      baseUrl: server.url,
      fetch: fresh.wire.fetch,
      tokens: fresh.registered.tokens,
      userKey: fresh.registered.userKey,
    });
    await other.card.issue(card);
    let tries = 0;
    fresh.wire.intercept('access/share-data', () => {
      tries += 1;
      return problem(409, 'USERNAME_TAKEN');
    });
    const { prepared } = await other.access.prepare(COOPNAME);
    const given = other.access.share({
      prepared,
      fields: ['first_name'],
      redirectUri: REDIRECT_URI,
      state: 'state-1234567',
      codeChallenge: 'c'.repeat(43),
    });
    expect(await errorCode(given)).toBe('USERNAME_TAKEN');
    expect(tries).toBe(ACCOUNT_ATTEMPTS);
    expect(await other.card.listAccounts()).toEqual([]);
    other.session.close();
  });

  it('shares nothing (no request) when none of the consented fields is on the card', async () => {
    const { prepared } = await member.access.prepare(COOPNAME);
    fixture.wire.reset();
    const refused = member.access.share({
      prepared,
      fields: ['middle_name'],
      redirectUri: REDIRECT_URI,
      state: 'state-1234567',
      codeChallenge: 'c'.repeat(43),
    });
    expect(await errorCode(refused)).toBe('VALIDATION_FAILED');
    expect(fixture.wire.calls).not.toContain('access/share-data');
  });
});

describe('closing an account', () => {
  it('closes it, ends its grant, and a later share opens a new account', async () => {
    await share();
    const [first] = await member.card.listAccounts();
    await member.card.closeAccount(COOPNAME);
    const [closed] = await member.card.listAccounts();
    expect(closed).toMatchObject({ username: first!.username, closedAt: expect.any(String) });
    expect((await member.access.list())[0]!.revoked_at).not.toBeNull();
    expect(await errorCode(member.card.closeAccount(COOPNAME))).toBe('NOT_FOUND');

    const { prepared } = await member.access.prepare(COOPNAME);
    expect(prepared.username).toBeNull();
    await share();
    const accounts = await member.card.listAccounts();
    expect(accounts.map((account) => account.closedAt === null)).toEqual([true, false]);
    expect(accounts[0]!.username).not.toBe(first!.username);
  });

  it('refuses a bad cooperative name without a request', async () => {
    expect(await errorCode(member.card.closeAccount('Not A Name!'))).toBe('VALIDATION_FAILED');
    expect(fixture.wire.calls).toEqual([]);
  });
});
