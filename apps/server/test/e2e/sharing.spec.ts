import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Checksum256, PrivateKey } from '@wharfkit/antelope';
import { canonicalize } from '@cardcoop/sdk';
import {
  coopTokenSchema,
  encryptedDataSchema,
  grantListSchema,
  ticketIssuedSchema,
} from '@cardcoop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { fakeEnvelope, post, registerRaw } from '../support/raw-member.js';
import { CACHE } from '../../src/infra/cache/cache.js';
import type { Cache } from '../../src/infra/cache/cache.js';
import { MEMBER_EVENTS_CHANNEL } from '../../src/modules/realtime/member-events.js';
import type { RoutedMemberEvent } from '../../src/modules/realtime/member-events.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;
const secrets: Record<string, string> = {};
const CALLBACK = {
  voskhod: 'https://voskhod.example/callback',
  othercoop: 'https://other.example/callback',
} as const;
type Coop = keyof typeof CALLBACK;

const basic = (coopname: string, secret = secrets[coopname]!) =>
  `Basic ${Buffer.from(`${coopname}:${secret}`).toString('base64')}`;
const b64 = (bytes: Buffer) => bytes.toString('base64url');
/** What the member's device would seal to the cooperative's key (the server only stores it). */
const hpkeEnvelope = (seed: string) => ({
  v: 1,
  suite: 'X25519-HKDF-SHA256-AES256GCM',
  kid: 'k1',
  enc: b64(createHash('sha256').update(`enc${seed}`).digest()),
  ct: b64(Buffer.from(`sealed ${seed}`.padEnd(40, '.'))),
});

async function publishKey(coopname: Coop) {
  const signer = PrivateKey.generate('K1');
  const payload = {
    coopname,
    kid: 'k1',
    public_key: b64(randomBytes(32)),
    created_at: '2026-11-22T00:00:00Z',
  };
  const signature = signer
    .signDigest(Checksum256.hash(new TextEncoder().encode(canonicalize(payload))))
    .toString();
  const response = await fetch(`${server.url}/api/v1/coop/data-key`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: basic(coopname) },
    body: JSON.stringify({ payload, public_key: signer.toPublic().toString(), signature }),
  });
  expect(response.status).toBe(204);
}

/** A member with a confirmed account in each cooperative. */
async function member(email: string, usernames: Partial<Record<Coop, string>>) {
  const { tokens } = await registerRaw(server.url, email, 'sharing password');
  for (const [coopname, username] of Object.entries(usernames)) {
    const account = {
      coopname,
      username,
      public_key: PrivateKey.generate('K1').toPublic().toString(),
      encrypted_private_key: fakeEnvelope('wif'),
    };
    expect(
      (await post(server.url, '/api/v1/card/add-account', account, tokens.access_token)).status,
    ).toBe(201);
    await fetch(`${server.url}/api/v1/coop/memberships/${username}`, {
      method: 'PUT',
      headers: { authorization: basic(coopname) },
    });
  }
  return tokens.access_token;
}

/** The member behind an access token (its `sub`). */
const userIdOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;

function pkce() {
  const verifier = b64(randomBytes(32));
  return { verifier, challenge: b64(createHash('sha256').update(verifier).digest()) };
}

async function share(
  token: string,
  coopname: Coop,
  seed: string,
  redirect: string = CALLBACK[coopname],
  responseMode: 'query' | 'web_message' = 'query',
) {
  const { verifier, challenge } = pkce();
  const response = await post(
    server.url,
    '/api/v1/access/share-data',
    {
      coopname,
      response_mode: responseMode,
      redirect_uri: redirect,
      state: 'state-1234567',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      envelope: hpkeEnvelope(seed),
      fields: ['first_name'],
    },
    token,
  );
  return { response, verifier };
}

const exchange = (
  coopname: Coop,
  ticket: string,
  verifier: string,
  redirect: string = CALLBACK[coopname],
  authorization = basic(coopname),
) =>
  fetch(`${server.url}/api/v1/access/exchange-ticket`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ ticket, code_verifier: verifier, redirect_uri: redirect }),
  });

const read = (token: string, username: string, coopname: string) =>
  fetch(`${server.url}/api/v1/access/get-encrypted-data/${username}/${coopname}`, {
    headers: { authorization: `Bearer ${token}` },
  });

async function ticketFor(token: string, coopname: Coop, seed: string) {
  const { response, verifier } = await share(token, coopname, seed);
  expect(response.status).toBe(201);
  return { ...ticketIssuedSchema.parse(await response.json()), verifier };
}

beforeAll(async () => {
  server = await startTestApp();
  const cooperatives = server.app.get(CooperativesService);
  for (const coopname of ['voskhod', 'othercoop'] as const) {
    secrets[coopname] = (
      await cooperatives.create({
        coopname,
        displayName: coopname,
        redirectUris: [CALLBACK[coopname]],
        origins: [new URL(CALLBACK[coopname]).origin],
      })
    ).clientSecret;
    await publishKey(coopname);
  }
});
afterAll(() => server.close());

describe('sharing with a cooperative (ticket + PKCE + coop token)', () => {
  it('lets the cooperative read exactly what was shared, until the member revokes', async () => {
    const token = await member('sharer.one@coop.example', { voskhod: 'shareronezzz' });
    const { ticket, verifier, state } = await ticketFor(token, 'voskhod', 'profile');
    expect(state).toBe('state-1234567');
    const exchanged = await exchange('voskhod', ticket, verifier);
    expect(exchanged.status).toBe(200);
    const coopToken = coopTokenSchema.parse(await exchanged.json());
    expect(coopToken).toMatchObject({
      username: 'shareronezzz',
      coopname: 'voskhod',
      expires_in: 900,
    });
    const data = encryptedDataSchema.parse(
      await (await read(coopToken.access_token, 'shareronezzz', 'voskhod')).json(),
    );
    expect(data.envelope).toEqual(hpkeEnvelope('profile'));
    expect(data.public_key).toMatch(/^PUB_K1_/);

    expect((await read(coopToken.access_token, 'shareronezzz', 'voskhod')).status).toBe(200);

    // The member sees who holds the data, since when, when it was last read and how often.
    const listed = grantListSchema.parse(
      await (
        await fetch(`${server.url}/api/v1/access/list`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json(),
    );
    expect(listed.grants).toMatchObject([
      {
        coopname: 'voskhod',
        username: 'shareronezzz',
        read_count: 2,
        fields: ['first_name'],
        revoked_at: null,
      },
    ]);
    const [grant] = listed.grants;
    expect(Date.parse(grant!.last_read_at!)).toBeGreaterThanOrEqual(Date.parse(grant!.shared_at));
    // Each read is in the member's history, chained in the same statement that counted it.
    const history = (await (
      await fetch(`${server.url}/api/v1/audit`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { events: { type: string; data: Record<string, unknown> }[] };
    const reads = history.events.filter((event) => event.type === 'grant.read');
    expect(reads).toHaveLength(2);
    expect(reads[0]!.data).toMatchObject({ coopname: 'voskhod' });
    expect(await server.app.get(AuditService).verifyChain(userIdOf(token))).toBe(true);
    expect(
      (
        await fetch(`${server.url}/api/v1/access/voskhod`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(204);
    expect((await read(coopToken.access_token, 'shareronezzz', 'voskhod')).status).toBe(403);
    // A revoked grant stays listed, with the date it ended.
    const after = grantListSchema.parse(
      await (
        await fetch(`${server.url}/api/v1/access/list`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json(),
    );
    expect(after.grants).toMatchObject([{ coopname: 'voskhod', fields: ['first_name'] }]);
    expect(Date.parse(after.grants[0]!.revoked_at!)).toBeGreaterThanOrEqual(
      Date.parse(after.grants[0]!.shared_at),
    );
    const stored = (await server.app
      .get<Database>(DATABASE)
      .primary.execute(
        sql`select envelope from grants where username = 'shareronezzz'`,
      )) as unknown as { rows: { envelope: unknown }[] };
    expect(stored.rows[0]!.envelope).toBeNull();
  });

  it('tells the member’s open tabs when they share, when a cooperative reads and when the grant ends', async () => {
    const token = await member('sharer.live@coop.example', { voskhod: 'sharerlivezz' });
    const heard: RoutedMemberEvent[] = [];
    const stop = await server.app
      .get<Cache>(CACHE)
      .subscribe(MEMBER_EVENTS_CHANNEL, (message) => heard.push(JSON.parse(message)));
    try {
      const { ticket, verifier } = await ticketFor(token, 'voskhod', 'live');
      const exchanged = await exchange('voskhod', ticket, verifier);
      const coopToken = coopTokenSchema.parse(await exchanged.json());
      expect((await read(coopToken.access_token, 'sharerlivezz', 'voskhod')).status).toBe(200);
      const revoked = await fetch(`${server.url}/api/v1/access/voskhod`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(revoked.status).toBe(204);
      const grantEvents = () => heard.filter(({ event }) => event.type.startsWith('grant.'));
      await expect.poll(() => grantEvents().length).toBe(3);
      const userId = userIdOf(token);
      expect(grantEvents()).toEqual([
        // Also what the cooperative's staff count live (business.stats).
        { userId, event: { type: 'grant.shared', coopname: 'voskhod' } },
        { userId, event: { type: 'grant.read', coopname: 'voskhod' } },
        { userId, event: { type: 'grant.revoked', coopname: 'voskhod' } },
      ]);
    } finally {
      await stop();
    }
  });

  it('refuses a replayed ticket and then burns the token it issued', async () => {
    const token = await member('sharer.two@coop.example', { voskhod: 'sharertwozzz' });
    const { ticket, verifier } = await ticketFor(token, 'voskhod', 'two');
    const first = coopTokenSchema.parse(await (await exchange('voskhod', ticket, verifier)).json());
    const replay = await exchange('voskhod', ticket, verifier);
    expect(replay.status).toBe(400);
    expect((await replay.json()).code).toBe('INVALID_GRANT');
    expect((await read(first.access_token, 'sharertwozzz', 'voskhod')).status).toBe(403);
  });

  it('gives exactly one of two concurrent exchanges a token', async () => {
    const token = await member('sharer.three@coop.example', { voskhod: 'sharerthreez' });
    const { ticket, verifier } = await ticketFor(token, 'voskhod', 'three');
    const statuses = (
      await Promise.all([
        exchange('voskhod', ticket, verifier),
        exchange('voskhod', ticket, verifier),
      ])
    )
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([200, 400]);
  });

  it('refuses a wrong or missing verifier, another redirect URI, an expired ticket and a wrong secret', async () => {
    const token = await member('sharer.four@coop.example', { voskhod: 'sharerfourzz' });
    const wrongVerifier = await ticketFor(token, 'voskhod', 'four');
    expect((await exchange('voskhod', wrongVerifier.ticket, pkce().verifier)).status).toBe(400);
    const missing = await fetch(`${server.url}/api/v1/access/exchange-ticket`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basic('voskhod') },
      body: JSON.stringify({ ticket: wrongVerifier.ticket, redirect_uri: CALLBACK.voskhod }),
    });
    expect(missing.status).toBe(422);
    const otherRedirect = await ticketFor(token, 'voskhod', 'five');
    expect(
      (
        await exchange(
          'voskhod',
          otherRedirect.ticket,
          otherRedirect.verifier,
          `${CALLBACK.voskhod}/x`,
        )
      ).status,
    ).toBe(400);
    const wrongSecret = await ticketFor(token, 'voskhod', 'six');
    expect(
      (
        await exchange(
          'voskhod',
          wrongSecret.ticket,
          wrongSecret.verifier,
          CALLBACK.voskhod,
          basic('voskhod', 'nope'),
        )
      ).status,
    ).toBe(401);
    const expired = await ticketFor(token, 'voskhod', 'seven');
    await server.app
      .get<Database>(DATABASE)
      .primary.execute(
        sql`update tickets set expires_at = now() - interval '1 second' where redeemed_at is null`,
      );
    expect((await exchange('voskhod', expired.ticket, expired.verifier)).status).toBe(400);
    const prefix = await share(
      token,
      'voskhod',
      'eight',
      'https://voskhod.example/callback.evil.example',
    );
    expect(prefix.response.status).toBe(422);
  });

  it('posts tickets to a registered origin (iframe, popup) only in web_message mode', async () => {
    const token = await member('sharer.web@coop.example', { voskhod: 'sharerwebaaa' });
    const origin = new URL(CALLBACK.voskhod).origin;
    const framed = await share(token, 'voskhod', 'framed', origin, 'web_message');
    expect(framed.response.status).toBe(201);
    const issued = ticketIssuedSchema.parse(await framed.response.json());
    expect(issued.redirect_uri).toBe(origin);
    // The ticket is bound to the origin: redeemed with it, not with the redirect URI.
    expect((await exchange('voskhod', issued.ticket, framed.verifier)).status).toBe(400);
    const again = await share(token, 'voskhod', 'framed-2', origin, 'web_message');
    const second = ticketIssuedSchema.parse(await again.response.json());
    expect((await exchange('voskhod', second.ticket, again.verifier, origin)).status).toBe(200);

    for (const [redirect, mode] of [
      ['https://evil.example', 'web_message'],
      [CALLBACK.voskhod, 'web_message'],
      [origin, 'query'],
      [`${origin}/`, 'web_message'],
    ] as const) {
      expect((await share(token, 'voskhod', 'refused', redirect, mode)).response.status).toBe(422);
    }
  });

  it('keeps tokens to their own cooperative and username, and member and coop tokens apart', async () => {
    const token = await member('sharer.five@coop.example', {
      voskhod: 'sharerfiveaa',
      othercoop: 'sharerfivebb',
    });
    const a = await ticketFor(token, 'voskhod', 'for-a');
    const b = await ticketFor(token, 'othercoop', 'for-b');
    const tokenA = coopTokenSchema.parse(
      await (await exchange('voskhod', a.ticket, a.verifier)).json(),
    ).access_token;
    const tokenB = coopTokenSchema.parse(
      await (await exchange('othercoop', b.ticket, b.verifier)).json(),
    ).access_token;
    // Cooperative B cannot redeem A's ticket, nor read A's data with its own token.
    expect((await exchange('othercoop', a.ticket, a.verifier, CALLBACK.othercoop)).status).toBe(
      400,
    );
    expect((await read(tokenB, 'sharerfiveaa', 'voskhod')).status).toBe(403);
    expect((await read(tokenA, 'sharertwozzz', 'voskhod')).status).toBe(403);
    expect((await read(token, 'sharerfiveaa', 'voskhod')).status).toBe(401);
    expect(
      (
        await fetch(`${server.url}/api/v1/card/accounts`, {
          headers: { authorization: `Bearer ${tokenA}` },
        })
      ).status,
    ).toBe(401);
    expect((await read(tokenA, 'sharerfiveaa', 'voskhod')).status).toBe(200);
  });
});
