import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { PrivateKey } from '@wharfkit/antelope';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionTestSchema, TEST_MEMBER_USERNAME } from '@cardcoop/contracts';
import type { ConnectionTest } from '@cardcoop/contracts';
import {
  certifyDataKey,
  connectUrl,
  exchangeTicket,
  fetchSharedData,
  generateDataKey,
  openSharedData,
  startShare,
} from '@cardcoop/sdk/coop';
import type { StartedShare } from '@cardcoop/sdk/coop';
import { createCoopSite } from '../../../../examples/coop-site/index.js';
import type { CoopSite } from '../../../../examples/coop-site/index.js';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { freePort } from '../support/server-process.js';
import { fakeEnvelope, post, registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/**
 * "Test connection"'s live share: the test member goes through the cooperative's own entry page
 * and callback, and the panel learns which step failed. Against the example site (the real SDK
 * on the other side) and a stub site that fails on purpose.
 */
let server: TestApp;
let db: Database['primary'];
let owner: { token: string; userId: string };
let root: string;
let site: CoopSite;
const siteLog: string[] = [];
let stub: Server;
let stubUrl: string;
/** What the stub's callback does with the ticket it is brought. */
let onCallback: (ticket: string, started: StartedShare, response: ServerResponse) => Promise<void>;
let stubCoop: { coopname: string; secret: string; privateKey: string; publicKey: string };
let started: StartedShare | undefined;

const run = async (coopname: string): Promise<ConnectionTest> => {
  const response = await post(
    server.url,
    `/api/v1/business/cooperatives/${coopname}/connection-test`,
    {},
    owner.token,
  );
  expect(response.status).toBe(200);
  return connectionTestSchema.parse(await response.json());
};
const statusOf = (test: ConnectionTest) =>
  Object.fromEntries(
    test.checks.map((c) => [c.check, `${c.status}${c.reason ? `:${c.reason}` : ''}`]),
  );

async function ownedBy(coopname: string, userId: string): Promise<void> {
  await db.execute(
    sql`insert into cooperative_staff (coopname, user_id, role) values (${coopname}, ${userId}, 'owner')`,
  );
}

/** The stub site: `/plain` answers 200, `/elsewhere` leads off card.coop, `/entry` starts a share. */
async function stubSite(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', stubUrl);
  if (url.pathname === '/plain') {
    response.end('hello');
  } else if (url.pathname === '/elsewhere') {
    response.writeHead(302, { location: 'https://elsewhere.example/id/connect' }).end();
  } else if (url.pathname === '/entry') {
    started = await startShare({ redirectUri: `${stubUrl}/callback` });
    const location = connectUrl({ baseUrl: server.url, coopname: stubCoop.coopname, started });
    response.writeHead(302, { location, 'set-cookie': 'sid=stub-session; HttpOnly' }).end();
  } else if (url.pathname === '/callback') {
    const ticket = url.searchParams.get('ticket');
    const fromEntry = request.headers.cookie === 'sid=stub-session';
    if (!ticket || !started || !fromEntry || url.searchParams.get('state') !== started.state) {
      response.writeHead(400).end('bad callback');
      return;
    }
    await onCallback(ticket, started, response);
  } else {
    response.writeHead(404).end();
  }
}

beforeAll(async () => {
  // The connect page the entry page must lead to is at PUBLIC_URL: this server's address.
  const port = await freePort();
  server = await startTestApp({
    port,
    env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: '1', PUBLIC_URL: `http://127.0.0.1:${port}` },
  });
  db = server.app.get<Database>(DATABASE).primary;
  const registered = await registerRaw(server.url, 'owner@live.test', 'correct horse battery');
  owner = { token: registered.tokens.access_token, userId: registered.userId };
  root = await mkdtemp(path.join(os.tmpdir(), 'live-test-'));
  site = await createCoopSite({
    cardcoopUrl: server.url,
    port: 0,
    host: '127.0.0.1',
    coopname: 'livesite1',
    stateDir: path.join(root, 'site'),
    adminKey: server.secrets.adminApiKey,
    log: (line) => siteLog.push(line),
  });
  await ownedBy('livesite1', owner.userId);

  stub = createServer((request, response) => {
    stubSite(request, response).catch(() => response.writeHead(500).end());
  });
  const stubPort = await freePort();
  await new Promise<void>((resolve) => stub.listen(stubPort, '127.0.0.1', resolve));
  stubUrl = `http://127.0.0.1:${stubPort}`;
  const coopname = 'livestub1';
  const cooperatives = server.app.get(CooperativesService);
  const { clientSecret } = await cooperatives.create({
    coopname,
    displayName: 'Stub',
    origins: [stubUrl],
    redirectUris: [`${stubUrl}/callback`],
  });
  const pair = await generateDataKey({ coopname, kid: 'k1' });
  const certificate = certifyDataKey({
    coopname,
    kid: 'k1',
    publicKey: pair.publicKey,
    accountPrivateKeyWif: PrivateKey.generate('K1').toWif(),
  });
  await db.execute(
    sql`update cooperatives set data_key = ${JSON.stringify({ certificate })}::jsonb where coopname = ${coopname}`,
  );
  stubCoop = {
    coopname,
    secret: clientSecret,
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
  };
  await ownedBy(coopname, owner.userId);
}, 60_000);

afterAll(async () => {
  stub?.close();
  await site?.close();
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

async function setEntry(path: string): Promise<void> {
  const cooperatives = server.app.get(CooperativesService);
  const current = await cooperatives.get(stubCoop.coopname);
  await cooperatives.update(stubCoop.coopname, current.revision, {
    entryUrl: `${stubUrl}${path}`,
  });
}

describe('test connection: a live share with the test member', () => {
  it('through the example site: every step passes, the site opens the data, nobody becomes a member', async () => {
    const test = await run('livesite1');
    expect(statusOf(test)).toMatchObject({
      data_key: 'passed',
      start_page: 'passed',
      ticket_exchanged: 'passed',
      data_read: 'passed',
      callback_answered: 'passed',
    });
    expect(test.ok).toBe(true);
    expect(test.checks.find((c) => c.check === 'start_page')?.target).toBe(`${site.url}/callback`);
    // The site opened and checked the test member's share (its own log says so)…
    expect(siteLog.some((line) => /^connection test: [1-9]\d* fields opened$/.test(line))).toBe(
      true,
    );
    // …and card.coop counted no member, no consent, no read: only the owner's test is audited.
    const counts = (await db.execute(sql`
      select
        (select count(*)::int from grants where coopname = 'livesite1') as grants,
        (select count(*)::int from audit_events
           where type like 'grant.%' and data ->> 'coopname' = 'livesite1') as events,
        (select count(*)::int from audit_events
           where subject_id = ${owner.userId}::uuid and type = 'connection_test.shared') as tested`)) as unknown as {
      rows: { grants: number; events: number; tested: number }[];
    };
    expect(counts.rows[0]).toEqual({ grants: 0, events: 0, tested: 1 });
    const memberships = await fetch(`${site.url}/`).then((r) => r.text());
    expect(memberships).not.toContain(TEST_MEMBER_USERNAME);
  });

  it('says which step failed: a start page that does not redirect, one that leads elsewhere, a callback that does not exchange', async () => {
    await setEntry('/plain');
    let test = await run(stubCoop.coopname);
    expect(test.ok).toBe(false);
    expect(statusOf(test)).toMatchObject({
      start_page: 'failed:not_a_redirect',
      ticket_exchanged: 'skipped:earlier_step_failed',
      callback_answered: 'skipped:earlier_step_failed',
    });

    await setEntry('/elsewhere');
    test = await run(stubCoop.coopname);
    expect(test.checks.find((c) => c.check === 'start_page')).toMatchObject({
      status: 'failed',
      reason: 'wrong_target',
      target: 'https://elsewhere.example/id/connect',
    });

    await setEntry('/entry');
    onCallback = async (_ticket, _started, response) => {
      response.writeHead(400).end('not today');
    };
    test = await run(stubCoop.coopname);
    expect(statusOf(test)).toMatchObject({
      start_page: 'passed',
      ticket_exchanged: 'failed:not_exchanged',
      data_read: 'skipped:earlier_step_failed',
      callback_answered: 'failed:status_400',
    });
  });

  it('the test ticket is single-use, bound to PKCE; its token reads the test share only until replayed', async () => {
    await setEntry('/entry');
    const seen: Record<string, unknown> = {};
    onCallback = async (ticket, share, response) => {
      const common = { baseUrl: server.url, coopname: stubCoop.coopname };
      const exchange = (codeVerifier: string) =>
        exchangeTicket({
          ...common,
          clientSecret: stubCoop.secret,
          ticket,
          redirectUri: share.redirectUri,
          codeVerifier,
        }).catch((error: { code?: string }) => error.code);
      // A wrong verifier does not spend it; the right one does, once.
      seen.wrongVerifier = await exchange('x'.repeat(43));
      const token = await exchangeTicket({
        ...common,
        clientSecret: stubCoop.secret,
        ticket,
        redirectUri: share.redirectUri,
        codeVerifier: share.codeVerifier,
      });
      seen.token = { username: token.username, test: token.test };
      const data = await fetchSharedData({
        ...common,
        token: token.access_token,
        username: token.username,
      });
      const opened = await openSharedData({
        envelope: data.envelope,
        dataPrivateKey: stubCoop.privateKey,
        dataPublicKey: stubCoop.publicKey,
        coopname: stubCoop.coopname,
        username: token.username,
        expectedMemberKey: data.public_key,
      });
      seen.data = { test: data.test, fields: opened.fields };
      seen.replay = await exchange(share.codeVerifier);
      seen.readAfterReplay = await fetchSharedData({
        ...common,
        token: token.access_token,
        username: token.username,
      }).catch((error: { code?: string }) => error.code);
      response.end('ok');
    };
    const test = await run(stubCoop.coopname);
    expect(statusOf(test)).toMatchObject({
      ticket_exchanged: 'passed',
      data_read: 'passed',
      callback_answered: 'passed',
    });
    expect(seen.wrongVerifier).toBe('INVALID_GRANT');
    expect(seen.token).toEqual({ username: TEST_MEMBER_USERNAME, test: true });
    expect(seen.data).toMatchObject({ test: true, fields: { last_name: 'Тестов' } });
    expect(seen.replay).toBe('INVALID_GRANT');
    expect(seen.readAfterReplay).toBe('INVALID_TOKEN');
  });

  it('nobody can open an account under the test member’s username', async () => {
    const { tokens } = await registerRaw(server.url, 'squatter@live.test', 'correct horse battery');
    const response = await post(
      server.url,
      '/api/v1/card/add-account',
      {
        coopname: 'livesite1',
        username: TEST_MEMBER_USERNAME,
        public_key: PrivateKey.generate('K1').toPublic().toString(),
        encrypted_private_key: fakeEnvelope('test-member'),
      },
      tokens.access_token,
    );
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: 'USERNAME_TAKEN' });
  });
});
