import { PrivateKey } from '@wharfkit/antelope';
import { sql } from 'drizzle-orm';
import { closedAccountListSchema } from '@cardcoop/contracts';
import type { ShareEnvelope } from '@cardcoop/contracts';
import { createClient } from '@cardcoop/sdk';
import type { CardCoopClient, MemberClient } from '@cardcoop/sdk';
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
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import { DeletionService } from '../../src/modules/auth/deletion.service.js';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { fakeEnvelope, latestCode, POLICY_VERSION, TEST_KSF } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

interface Coop {
  coopname: string;
  secret: string;
  redirectUri: string;
  key: Awaited<ReturnType<typeof generateDataKey>>;
}

/** The error code a request fails with ('OK' when it does not fail). */
const errorCode = (request: Promise<unknown>) =>
  request.then(
    () => 'OK',
    (error: unknown) => (error as { code?: string }).code ?? String(error),
  );

const LEGAL_NAME = 'Потребительский кооператив «Открытый»';
const PURPOSE = 'Рассмотрение заявления о вступлении в пайщики';

/**
 * Issue 12: nothing is created before the member consents; the account is made by the share
 * itself; a member closes an account (its grant ends, its username is never given again) and
 * the cooperative learns of it through its API.
 */
describe('consent before anything is created, and closing accounts', () => {
  let server: TestApp;
  let client: CardCoopClient;
  let open: Coop;
  let membersOnly: Coop;
  let other: Coop;
  let registered = 0;

  const basic = (coop: Coop, secret = coop.secret) =>
    `Basic ${Buffer.from(`${coop.coopname}:${secret}`).toString('base64')}`;

  async function registerCoop(
    coopname: string,
    settings: { admission?: 'open' | 'members'; legalName?: string; consentPurpose?: string },
  ): Promise<Coop> {
    const redirectUri = `https://${coopname}.example/callback`;
    const { clientSecret } = await server.app.get(CooperativesService).create({
      coopname,
      displayName: `ПК ${coopname}`,
      redirectUris: [redirectUri],
      ...settings,
    });
    const key = await generateDataKey({ coopname });
    const certificate = await certifyDataKey({
      coopname,
      kid: key.kid,
      publicKey: key.publicKey,
      accountPrivateKeyWif: PrivateKey.generate('K1').toWif(),
    });
    const coop = { coopname, secret: clientSecret, redirectUri, key };
    const put = await fetch(`${server.url}/api/v1/coop/data-key`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: basic(coop) },
      body: JSON.stringify(certificate),
    });
    expect(put.status).toBe(204);
    return coop;
  }

  /** A new member with a card and no account anywhere. */
  async function newMember(): Promise<MemberClient> {
    registered += 1;
    const email = `consent.${registered}@coop.example`;
    await client.auth.startRegistration({ email, privacyVersion: POLICY_VERSION });
    const session = await client.auth.completeRegistration({
      email,
      code: await latestCode(server.url, email),
      password: 'consent password',
      ksf: TEST_KSF,
    });
    const member = client.member(session);
    await member.card.issue(anna);
    return member;
  }

  const count = async (table: 'card_accounts' | 'grants' | 'tickets' | 'audit_events') => {
    const result = (await server.app
      .get<Database>(DATABASE)
      .primary.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as {
      rows: { n: number }[];
    };
    return result.rows[0]!.n;
  };
  const counts = async () => ({
    accounts: await count('card_accounts'),
    grants: await count('grants'),
    tickets: await count('tickets'),
    events: await count('audit_events'),
  });

  /** The member shares name and phone with the cooperative through the SDK; returns the ticket. */
  async function shareThroughSdk(member: MemberClient, coop: Coop) {
    const start = await startShare({ redirectUri: coop.redirectUri });
    const { prepared } = await member.access.prepare(coop.coopname);
    const ticket = await member.access.share({
      prepared,
      fields: ['last_name', 'first_name', 'phone'],
      redirectUri: coop.redirectUri,
      state: start.state,
      codeChallenge: start.codeChallenge,
    });
    return { prepared, ticket, start };
  }

  /** The share-data body a device would send, with a stand-in envelope for `coop`'s key. */
  const shareBody = (coop: Coop, extra: Record<string, unknown> = {}) => ({
    coopname: coop.coopname,
    response_mode: 'query',
    redirect_uri: coop.redirectUri,
    state: 'state-1234567',
    code_challenge: 'c'.repeat(43),
    code_challenge_method: 'S256',
    envelope: {
      v: 1,
      suite: 'X25519-HKDF-SHA256-AES256GCM',
      kid: coop.key.kid,
      enc: 'e'.repeat(43),
      ct: 'c'.repeat(60),
    } satisfies ShareEnvelope,
    fields: ['first_name'],
    ...extra,
  });
  const newAccount = (username: string) => ({
    username,
    public_key: PrivateKey.generate('K1').toPublic().toString(),
    encrypted_private_key: fakeEnvelope(username),
  });
  const shareRaw = (member: MemberClient, body: unknown) =>
    member.session.request('/api/v1/access/share-data', { method: 'POST', body });

  const closedAccounts = async (coop: Coop, query = '', authorization = basic(coop)) =>
    fetch(`${server.url}/api/v1/coop/closed-accounts${query}`, { headers: { authorization } });

  beforeAll(async () => {
    server = await startTestApp();
    client = createClient({ baseUrl: server.url, language: 'en' });
    open = await registerCoop('coopopenzzzz', {
      admission: 'open',
      legalName: LEGAL_NAME,
      consentPurpose: PURPOSE,
    });
    membersOnly = await registerCoop('coopmembersz', {});
    other = await registerCoop('coopotherzzz', { admission: 'open' });
  });
  afterAll(() => server.close());

  it('prepares the consent without creating anything, naming the legal name and the purpose', async () => {
    const member = await newMember();
    const before = await counts();
    const { prepared } = await member.access.prepare(open.coopname);
    expect(prepared).toMatchObject({
      coopname: open.coopname,
      legal_name: LEGAL_NAME,
      consent_purpose: PURPOSE,
      username: null,
      membership: 'applicant',
    });
    // Refusing now leaves no trace: no account, no grant, no ticket, no event.
    expect(await counts()).toEqual(before);
    expect(await member.card.listAccounts()).toEqual([]);

    // The connect page (before sign-in) names the recipient the same way.
    const target = (await (
      await fetch(
        `${server.url}/api/v1/access/connect/${open.coopname}?redirect_uri=${encodeURIComponent(open.redirectUri)}`,
      )
    ).json()) as Record<string, unknown>;
    expect(target).toMatchObject({ legal_name: LEGAL_NAME, consent_purpose: PURPOSE });

    // Refusing leaves nothing but the event in the member's own history (and the page's
    // visit, counted for the cooperative's funnel without anything of the member).
    await member.access.refuse(open.coopname);
    const refusal = (await member.audit.list())[0]!;
    expect(refusal).toMatchObject({ type: 'grant.refused', data: { coopname: open.coopname } });
    const after = await counts();
    expect({ ...after, events: after.events - 2 }).toEqual(before);
    expect(await errorCode(member.access.refuse('nosuchcoopzz'))).toBe('NOT_FOUND');
    expect(await counts()).toEqual(after);

    // A members-only cooperative does not offer a share to someone without an account there.
    expect(await errorCode(member.access.prepare(membersOnly.coopname))).toBe('NOT_A_MEMBER');
    expect(await counts()).toEqual(after);
  });

  it('makes the account with the share, in one transaction, and the cooperative opens the data', async () => {
    const member = await newMember();
    const before = await counts();
    const { ticket, start } = await shareThroughSdk(member, open);
    const after = await counts();
    expect(after.accounts - before.accounts).toBe(1);
    expect(after.grants - before.grants).toBe(1);
    expect(after.tickets - before.tickets).toBe(1);

    const [account] = await member.card.listAccounts();
    expect(account).toMatchObject({ coopname: open.coopname, closedAt: null });
    expect(account!.username).toMatch(/^[a-z]{12}$/);
    const events = await member.audit.list();
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['account.added', 'grant.shared']),
    );
    expect(events.find((e) => e.type === 'account.added')?.data).toMatchObject({
      coopname: open.coopname,
      username: account!.username,
    });
    expect(await server.app.get(AuditService).verifyChain(await userIdOf(member))).toBe(true);

    const token = await exchangeTicket({
      baseUrl: server.url,
      coopname: open.coopname,
      clientSecret: open.secret,
      ticket: ticket.ticket,
      redirectUri: open.redirectUri,
      codeVerifier: start.codeVerifier,
    });
    expect(token.username).toBe(account!.username);
    const stored = await fetchSharedData({
      baseUrl: server.url,
      token: token.access_token,
      username: token.username,
      coopname: open.coopname,
    });
    const opened = await openSharedData({
      envelope: stored.envelope,
      dataPrivateKey: open.key.privateKey,
      coopname: open.coopname,
      username: token.username,
      expectedMemberKey: account!.publicKey,
    });
    expect(opened.fields).toEqual({
      last_name: 'Петрова',
      first_name: 'Анна',
      phone: '+79001112233',
    });
    // The grant keeps the field names (never the values).
    expect(await member.access.list()).toMatchObject([
      { coopname: open.coopname, fields: ['last_name', 'first_name', 'phone'], revoked_at: null },
    ]);

    // The next share uses the account made: no second one.
    const again = await member.access.prepare(open.coopname);
    expect(again.prepared.username).toBe(account!.username);
  });

  it('writes nothing when the username is taken, and checks the account as add-account does', async () => {
    const first = await newMember();
    await shareThroughSdk(first, open);
    const [taken] = await first.card.listAccounts();

    const member = await newMember();
    const before = await counts();
    const refused = shareRaw(member, shareBody(open, { new_account: newAccount(taken!.username) }));
    expect(await errorCode(refused)).toBe('USERNAME_TAKEN');
    expect(await counts()).toEqual(before);

    // A key whose checksum is wrong is refused like add-account refuses it.
    const key = taken!.publicKey;
    const badKey = {
      ...newAccount('badkeymember'),
      public_key: `${key.slice(0, -1)}${key.endsWith('a') ? 'b' : 'a'}`,
    };
    const badKeyError = (await shareRaw(member, shareBody(open, { new_account: badKey })).catch(
      (error: unknown) => error,
    )) as { code: string; details: { issues?: { path: string }[] } };
    expect(badKeyError.code).toBe('VALIDATION_FAILED');
    expect(badKeyError.details.issues?.map((issue) => issue.path)).toEqual([
      'new_account.public_key',
    ]);
    // Only fields the cooperative asks for can be consented to.
    expect(
      await errorCode(
        shareRaw(
          member,
          shareBody(open, { fields: ['password'], new_account: newAccount('fieldsmember') }),
        ),
      ),
    ).toBe('VALIDATION_FAILED');
    // No account and nothing to make one with.
    expect(await errorCode(shareRaw(member, shareBody(open)))).toBe('NOT_FOUND');
    // A members-only cooperative takes no new account with a share.
    expect(
      await errorCode(
        shareRaw(member, shareBody(membersOnly, { new_account: newAccount('membersonlya') })),
      ),
    ).toBe('NOT_A_MEMBER');
    expect(await counts()).toEqual(before);

    // A retried share (its answer lost) goes on with the account it made; another one is refused.
    const made = newAccount('retriedshare');
    await shareRaw(member, shareBody(open, { new_account: made }));
    await shareRaw(member, shareBody(open, { new_account: made }));
    expect(
      await errorCode(
        shareRaw(member, shareBody(open, { new_account: newAccount('secondaccnta') })),
      ),
    ).toBe('ACCOUNT_EXISTS');
    expect((await member.card.listAccounts()).map((a) => a.username)).toEqual(['retriedshare']);
  });

  it('closes an account: grant revoked, token refused, username never reused; sharing again opens a new one', async () => {
    const member = await newMember();
    const { ticket, start } = await shareThroughSdk(member, open);
    const [account] = await member.card.listAccounts();
    const username = account!.username;
    const token = await exchangeTicket({
      baseUrl: server.url,
      coopname: open.coopname,
      clientSecret: open.secret,
      ticket: ticket.ticket,
      redirectUri: open.redirectUri,
      codeVerifier: start.codeVerifier,
    });
    const read = () =>
      fetchSharedData({
        baseUrl: server.url,
        token: token.access_token,
        username,
        coopname: open.coopname,
      });
    await read();

    await member.card.closeAccount(open.coopname);
    expect(await errorCode(read())).toBe('FORBIDDEN');
    expect(await errorCode(member.card.closeAccount(open.coopname))).toBe('NOT_FOUND');
    expect(await errorCode(member.card.closeAccount('Not A Name!'))).toBe('VALIDATION_FAILED');

    const [closed] = await member.card.listAccounts();
    expect(closed).toMatchObject({ username, closedAt: expect.any(String) });
    const types = (await member.audit.list()).map((event) => event.type);
    expect(types.slice(0, 2)).toEqual(['grant.revoked', 'account.closed']);
    expect(await server.app.get(AuditService).verifyChain(await userIdOf(member))).toBe(true);

    // The grant stays listed, revoked, with its fields.
    const [grant] = await member.access.list();
    expect(grant).toMatchObject({ username, fields: ['last_name', 'first_name', 'phone'] });
    expect(grant!.revoked_at).not.toBeNull();

    // Nobody gets the username again: not another member, not the member who closed it.
    const stranger = await newMember();
    const addAccount = (who: MemberClient) =>
      who.session.request('/api/v1/card/add-account', {
        method: 'POST',
        body: { coopname: open.coopname, ...newAccount(username) },
      });
    expect(await errorCode(addAccount(stranger))).toBe('USERNAME_TAKEN');
    expect(await errorCode(addAccount(member))).toBe('USERNAME_TAKEN');
    expect(
      await errorCode(shareRaw(stranger, shareBody(open, { new_account: newAccount(username) }))),
    ).toBe('USERNAME_TAKEN');

    // The cooperatives list offers it again: no open account there.
    const listed = (await member.session.request('/api/v1/cooperatives')) as {
      cooperatives: { coopname: string; account: unknown }[];
    };
    expect(listed.cooperatives.find((c) => c.coopname === open.coopname)?.account).toBeNull();

    // Sharing again with that cooperative opens a new account under a new username.
    const { prepared } = await member.access.prepare(open.coopname);
    expect(prepared.username).toBeNull();
    await shareThroughSdk(member, open);
    const accounts = await member.card.listAccounts();
    expect(accounts).toHaveLength(2);
    expect(accounts[0]).toMatchObject({ closedAt: null });
    expect(accounts[0]!.username).not.toBe(username);
    expect(accounts[1]).toMatchObject({ username });
    const relisted = (await member.session.request('/api/v1/cooperatives')) as {
      cooperatives: { coopname: string; account: { username: string } | null }[];
    };
    expect(relisted.cooperatives.find((c) => c.coopname === open.coopname)?.account).toMatchObject({
      username: accounts[0]!.username,
    });
    expect((await member.access.list()).map((g) => [g.username, g.revoked_at === null])).toEqual([
      [accounts[0]!.username, true],
      [username, false],
    ]);
  });

  it('tells the cooperative which of its accounts were closed, a page at a time, and only its own', async () => {
    const members = [await newMember(), await newMember(), await newMember()];
    const usernames: string[] = [];
    for (const member of members) {
      await shareThroughSdk(member, other);
      usernames.push((await member.card.listAccounts())[0]!.username);
      await member.card.closeAccount(other.coopname);
    }

    const pages: string[] = [];
    let after: string | null = null;
    do {
      const response = await closedAccounts(other, `?limit=2${after ? `&after=${after}` : ''}`);
      expect(response.status).toBe(200);
      const page = closedAccountListSchema.parse(await response.json());
      expect(page.accounts.length).toBeLessThanOrEqual(2);
      pages.push(...page.accounts.map((account) => account.username));
      after = page.next;
    } while (after);
    expect(pages).toEqual(usernames);

    // Another cooperative's credentials see that cooperative's list, never this one's.
    const foreign = closedAccountListSchema.parse(await (await closedAccounts(open)).json());
    for (const username of usernames) {
      expect(foreign.accounts.map((a) => a.username)).not.toContain(username);
    }
    // Its client id with another cooperative's secret is no way in either.
    expect((await closedAccounts(other, '', basic(other, open.secret))).status).toBe(401);
    expect((await closedAccounts(other, '?after=bm90LWEtY3Vyc29y')).status).toBe(422);
    expect((await closedAccounts(other, '?limit=0')).status).toBe(422);
  });

  it("keeps a deleted member's accounts closed: the username stays taken and the cooperative is told", async () => {
    const member = await newMember();
    await shareThroughSdk(member, open);
    const [account] = await member.card.listAccounts();
    const userId = await userIdOf(member);
    const database = server.app.get<Database>(DATABASE).primary;
    await database.execute(
      sql`update users set deletion_due_at = now() - interval '1 minute' where id = ${userId}`,
    );
    expect(await server.app.get(DeletionService).sweep()).toEqual([userId]);

    const rows = (await database.execute(
      sql`select user_id, closed_at from card_accounts where username = ${account!.username}`,
    )) as unknown as { rows: { user_id: string | null; closed_at: Date | null }[] };
    expect(rows.rows).toEqual([{ user_id: null, closed_at: expect.anything() }]);
    expect(await count('grants')).toBeGreaterThan(0); // other members' grants stay
    const stranger = await newMember();
    expect(
      await errorCode(
        shareRaw(stranger, shareBody(open, { new_account: newAccount(account!.username) })),
      ),
    ).toBe('USERNAME_TAKEN');
    const listed = closedAccountListSchema.parse(await (await closedAccounts(open)).json());
    expect(listed.accounts.map((a) => a.username)).toContain(account!.username);
  });
});

/** The member's user id, as its session knows it. */
async function userIdOf(member: MemberClient): Promise<string> {
  return (await member.session.current())!.user_id;
}
