import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PrivateKey } from '@wharfkit/antelope';
import { createClient } from '@cardcoop/sdk';
import type { CardCoopClient } from '@cardcoop/sdk';
import { adminCooperativeListSchema, adminCooperativeSchema } from '@cardcoop/contracts';
import type { IndividualCard, TicketIssued } from '@cardcoop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoopSite } from '../../../../examples/coop-site/index.js';
import type { CoopSite, CoopSiteOptions } from '../../../../examples/coop-site/index.js';
import { latestCode, POLICY_VERSION, TEST_KSF } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

type Member = ReturnType<CardCoopClient['member']>;

const card: IndividualCard = {
  kind: 'individual',
  first_name: 'Анна',
  last_name: 'Петрова',
  // Shared data is the member's to write: the site must show it as text, never as markup.
  middle_name: 'Ивановна <i>&</i>',
  birthdate: '1988-02-14',
  full_address: 'г. Тверь, ул. Советская, д. 5',
  phone: '+79001112233',
  email: 'anna@example.com',
};

/**
 * examples/coop-site against the real server: the site provisions itself through the admin API,
 * a member (driven by the member SDK, as the /id/connect page will) joins through the redirect
 * flow, and the site shows the data it decrypted and admits the applicant.
 */
describe('examples/coop-site', () => {
  let server: TestApp;
  let client: CardCoopClient;
  let site: CoopSite;
  let root: string;
  let stateDir: string;
  let members = 0;
  /** `METHOD /path` of every request the site made to card.coop. */
  const calls: string[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    calls.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
    return fetch(input, init);
  };
  const siteOptions = (extra: CoopSiteOptions): CoopSiteOptions => ({
    cardcoopUrl: server.url,
    port: 0,
    host: '127.0.0.1',
    stateDir,
    fetch: recordingFetch,
    log: () => {},
    ...extra,
  });

  const admin = async (pathname: string) => {
    const response = await fetch(`${server.url}/api/v1/admin${pathname}`, {
      headers: { authorization: `Bearer ${server.secrets.adminApiKey}` },
    });
    expect(response.status).toBe(200);
    return response.json() as Promise<unknown>;
  };

  async function newMember(): Promise<{ member: Member; username: string; publicKey: string }> {
    const email = `coop.site.${++members}@coop.example`;
    await client.auth.startRegistration({ email, privacyVersion: POLICY_VERSION });
    const session = await client.auth.completeRegistration({
      email,
      code: await latestCode(server.url, email),
      password: 'site member password',
      ksf: TEST_KSF,
    });
    const member = client.member(session);
    await member.card.issue(card);
    const account = await member.card.createAccount(site.coop.coopname);
    return { member, username: account.username, publicKey: account.publicKey };
  }

  /** `GET /join`: the session cookie and the parameters of the redirect to card.coop. */
  async function join(cookie?: string) {
    const response = await fetch(`${site.url}/join`, {
      redirect: 'manual',
      headers: cookie ? { cookie } : {},
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    const set = response.headers.getSetCookie().map((c) => c.split(';')[0]);
    return {
      location,
      cookie: cookie ?? set.join('; '),
      setCookie: response.headers.getSetCookie(),
      params: Object.fromEntries(location.searchParams),
    };
  }

  /** What /id/connect will do: show the request, take consent, share, send the member back. */
  async function consent(
    member: Member,
    params: Record<string, string>,
    fields = ['last_name', 'first_name', 'middle_name', 'phone'],
  ) {
    const { prepared } = await member.access.prepare(params.coopname!);
    const ticket = await member.access.share({
      prepared,
      fields,
      redirectUri: params.redirect_uri!,
      state: params.state!,
      codeChallenge: params.code_challenge!,
    });
    return { prepared, ticket };
  }

  const callbackUrl = (ticket: TicketIssued, state = ticket.state) =>
    `${ticket.redirect_uri}?${new URLSearchParams({ ticket: ticket.ticket, state })}`;

  const get = async (url: string, cookie?: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url, { headers: { ...headers, ...(cookie ? { cookie } : {}) } });
    return { status: response.status, headers: response.headers, html: await response.text() };
  };

  beforeAll(async () => {
    server = await startTestApp();
    client = createClient({ baseUrl: server.url, language: 'en' });
    root = await mkdtemp(path.join(os.tmpdir(), 'coop-site-'));
    stateDir = path.join(root, 'state');
    // The first start finds the admin key the way a developer's does: in card.coop's secrets file.
    const devSecretsPath = path.join(root, 'dev-secrets.json');
    await writeFile(devSecretsPath, JSON.stringify({ ADMIN_API_KEY: server.secrets.adminApiKey }));
    site = await createCoopSite(siteOptions({ devSecretsPath }));
  });
  afterAll(async () => {
    await site?.close();
    await server?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('provisions the cooperative: registered with its callback, admitting applicants, its data key published', async () => {
    const cooperative = adminCooperativeSchema.parse(
      await admin(`/cooperatives/${site.coop.coopname}`),
    );
    expect(site.coop.coopname).toBe('voskhodsite1');
    expect(site.coop.callback).toBe(`${site.url}/callback`);
    expect(cooperative).toMatchObject({
      display_name: 'ПК «Восход» — пример сайта',
      redirect_uris: [site.coop.callback],
      origins: [site.url],
      admission: 'open',
      status: 'active',
      data_key: { kid: site.coop.kid, fingerprint: site.coop.fingerprint },
    });
    // Keys and the client secret are owner-only files.
    for (const file of ['keys.json', 'credentials.json']) {
      expect((await stat(path.join(stateDir, file))).mode & 0o777).toBe(0o600);
    }
    const keys = JSON.parse(await readFile(path.join(stateDir, 'keys.json'), 'utf8'));
    expect(keys.account.private_key).toMatch(/^PVT_K1_|^5/);
    expect(keys.data_key.kid).toBe(site.coop.kid);

    const home = await get(`${site.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(home.html).toContain('<html lang="ru">');
    expect(home.html).toContain('href="/join"');
    expect(home.html).toContain('Вступить в кооператив через card.coop');
    expect(home.html).toContain('Пока никого');
  });

  it('registers a member through the redirect flow and shows the data it decrypted', async () => {
    const { member, username, publicKey } = await newMember();
    const { location, params, setCookie } = await join();
    expect(`${location.origin}${location.pathname}`).toBe(`${server.url}/id/connect`);
    expect(params).toEqual({
      coopname: site.coop.coopname,
      redirect_uri: site.coop.callback,
      state: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
    });
    expect(setCookie.join('\n')).toMatch(
      /coopsite_sid=[\w-]{43}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax/,
    );

    const { prepared, ticket } = await consent(member, params);
    expect(prepared.membership).toBe('applicant');
    const cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
    const page = await get(callbackUrl(ticket), cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.html).toContain('Добро пожаловать, Анна Петрова!');
    expect(page.html).toContain('+79001112233');
    expect(page.html).toContain(username);
    expect(page.html).toContain(publicKey);
    expect(page.html).toContain('Ивановна &lt;i&gt;&amp;&lt;/i&gt;');
    expect(page.html).not.toContain('<i>&</i>');
    expect(page.html).not.toContain('Советская'); // not consented, not received

    // The cooperative admitted the applicant.
    const account = (await member.card.listAccounts()).find((a) => a.username === username);
    expect(account?.membership).toBe('confirmed');
    expect((await member.access.prepare(site.coop.coopname)).prepared.membership).toBe('confirmed');

    const file = path.join(stateDir, 'members.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(await readFile(file, 'utf8')).members;
    expect(saved).toEqual([
      expect.objectContaining({
        username,
        member_public_key: publicKey,
        fields: {
          last_name: 'Петрова',
          first_name: 'Анна',
          middle_name: 'Ивановна <i>&</i>',
          phone: '+79001112233',
        },
      }),
    ]);
    expect((await get(`${site.url}/`)).html).toContain('Петрова А.');
  });

  it('refuses a callback with another state before exchanging the ticket; the real one still works', async () => {
    const { member } = await newMember();
    const { params, cookie } = await join();
    const { ticket } = await consent(member, params, ['first_name', 'last_name']);
    const before = calls.length;

    const forged = await get(callbackUrl(ticket, 'forged-state-'.padEnd(43, 'x')), cookie);
    expect(forged.status).toBe(400);
    expect(forged.html).toContain('state');
    expect(forged.html).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(calls.slice(before)).toEqual([]);

    // No cookie, no pending request: refused as well.
    expect((await get(callbackUrl(ticket))).status).toBe(400);
    expect(calls.slice(before)).toEqual([]);

    // The ticket was not spent: the member's own callback goes through.
    const real = await get(callbackUrl(ticket), cookie);
    expect(real.status).toBe(200);
    expect(real.html).toContain('Добро пожаловать, Анна Петрова!');
  });

  it('answers a replayed callback with an error page', async () => {
    const { member } = await newMember();
    const first = await join();
    const { ticket } = await consent(member, first.params, ['first_name']);
    expect((await get(callbackUrl(ticket), first.cookie)).status).toBe(200);

    // The same address again: the request was answered once, nothing reaches card.coop.
    const before = calls.length;
    const again = await get(callbackUrl(ticket), first.cookie);
    expect(again.status).toBe(400);
    expect(again.html).toContain('Запрос на вступление не найден');
    expect(calls.slice(before)).toEqual([]);

    // The spent ticket with a fresh request's state: card.coop refuses it.
    const second = await join(first.cookie);
    const replayed = await get(callbackUrl(ticket, second.params.state), first.cookie);
    expect(replayed.status).toBe(400);
    expect(replayed.html).toContain('Билет card.coop недействителен');
    expect(replayed.html).toContain('INVALID_GRANT');
    expect(calls.slice(before)).toEqual(['POST /api/v1/access/exchange-ticket']);
  });

  it("keeps a member's K1 key from the first share and refuses a later share signed by another", async () => {
    const { member, username, publicKey } = await newMember();
    const first = await join();
    const { ticket } = await consent(member, first.params, ['first_name']);
    expect((await get(callbackUrl(ticket), first.cookie)).status).toBe(200);

    // As if the first share had come signed by another key (a server substituting the member's
    // key, docs/protocol.md §10.3): the kept key is the one later shares must be signed by.
    const file = path.join(stateDir, 'members.json');
    const otherKey = PrivateKey.generate('K1').toPublic().toString();
    const kept = JSON.parse(await readFile(file, 'utf8')) as {
      members: { username: string; member_public_key: string }[];
    };
    const entry = kept.members.find((m) => m.username === username)!;
    expect(entry.member_public_key).toBe(publicKey);
    entry.member_public_key = otherKey;
    await writeFile(file, JSON.stringify(kept));

    const second = await join();
    const again = await consent(member, second.params, ['first_name']);
    const refused = await get(callbackUrl(again.ticket), second.cookie);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('UNTRUSTED_MEMBER_SIGNATURE');

    // With the key it kept, the same member's next share goes through.
    entry.member_public_key = publicKey;
    await writeFile(file, JSON.stringify(kept));
    const third = await join();
    const accepted = await consent(member, third.params, ['first_name']);
    expect((await get(callbackUrl(accepted.ticket), third.cookie)).status).toBe(200);
  });

  it('shows readable 400 pages when the member declines or the callback is incomplete', async () => {
    const { params, cookie } = await join();
    const declined = await get(
      `${site.coop.callback}?${new URLSearchParams({ error: 'access_denied', state: params.state! })}`,
      cookie,
    );
    expect(declined.status).toBe(400);
    expect(declined.html).toContain('Вы отказались передавать данные');
    expect(declined.html).toContain('role="alert"');

    const incomplete = await get(`${site.coop.callback}?state=${params.state}`, cookie);
    expect(incomplete.status).toBe(400);
    expect(incomplete.html).toContain('Неполный ответ card.coop');

    expect((await get(`${site.url}/nowhere`)).status).toBe(404);
    expect((await fetch(`${site.url}/`, { method: 'POST' })).status).toBe(405);
  });

  it('speaks English on ?lang=en (remembered) or Accept-Language', async () => {
    const asked = await get(`${site.url}/?lang=en`);
    expect(asked.html).toContain('<html lang="en">');
    expect(asked.html).toContain('Join the cooperative with card.coop');
    expect(asked.headers.getSetCookie().join()).toContain('coopsite_lang=en');
    expect((await get(`${site.url}/`, 'coopsite_lang=en')).html).toContain('<html lang="en">');
    const negotiated = await get(`${site.url}/`, undefined, {
      'accept-language': 'en-US,en;q=0.9',
    });
    expect(negotiated.html).toContain('<html lang="en">');
    const russian = await get(`${site.url}/`, undefined, { 'accept-language': 'ru,en;q=0.8' });
    expect(russian.html).toContain('<html lang="ru">');
  });

  it('reuses its state on restart: no new registration or secret, the same data key', async () => {
    const before = site.coop;
    const credentials = await readFile(path.join(stateDir, 'credentials.json'), 'utf8');
    await site.close();
    calls.length = 0;
    site = await createCoopSite(siteOptions({ adminKey: server.secrets.adminApiKey }));

    expect(site.coop.kid).toBe(before.kid);
    expect(site.coop.fingerprint).toBe(before.fingerprint);
    expect(calls).not.toContain('POST /api/v1/admin/cooperatives');
    expect(calls.some((call) => call.endsWith('/rotate-secret'))).toBe(false);
    expect(await readFile(path.join(stateDir, 'credentials.json'), 'utf8')).toBe(credentials);
    const { cooperatives } = adminCooperativeListSchema.parse(await admin('/cooperatives'));
    const mine = cooperatives.filter((c) => c.coopname === before.coopname);
    expect(mine).toHaveLength(1);
    // A new port is a new callback: registered next to the old one.
    expect(mine[0]!.redirect_uris).toEqual(
      expect.arrayContaining([before.callback, site.coop.callback]),
    );
    expect(mine[0]!.data_key?.kid).toBe(before.kid);

    // Members registered before are still listed, and the saved secret still works.
    expect((await get(`${site.url}/`)).html).toContain('Петрова А.');
    const { member } = await newMember();
    const { params, cookie } = await join();
    const { ticket } = await consent(member, params, ['first_name', 'last_name']);
    expect((await get(callbackUrl(ticket), cookie)).html).toContain(
      'Добро пожаловать, Анна Петрова!',
    );
  });

  it('refuses a state directory that holds another cooperative', async () => {
    await expect(
      createCoopSite(siteOptions({ coopname: 'othercoop', adminKey: 'unused' })),
    ).rejects.toThrow(/holds the keys of voskhodsite1/);
  });

  it('without a saved secret, takes a new one and publishes its own data key', async () => {
    const fresh = await mkdtemp(path.join(os.tmpdir(), 'coop-site-fresh-'));
    calls.length = 0;
    const other = await createCoopSite(
      siteOptions({ stateDir: fresh, adminKey: server.secrets.adminApiKey }),
    );
    try {
      expect(calls).toContain(
        `POST /api/v1/admin/cooperatives/${other.coop.coopname}/rotate-secret`,
      );
      expect(other.coop.kid).not.toBe(site.coop.kid);
      const cooperative = adminCooperativeSchema.parse(
        await admin(`/cooperatives/${other.coop.coopname}`),
      );
      expect(cooperative.data_key?.kid).toBe(other.coop.kid);
    } finally {
      await other.close();
      await rm(fresh, { recursive: true, force: true });
    }
  });
});
