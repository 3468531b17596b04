// What bench/mix.js sends: a member and cooperative mix, each operation one or two requests,
// drawn at random by weight. The weights picture members who open the app now and then: most
// requests are a session's cheap reads (card, notifications and their unread count, accounts,
// grants), a cooperative reading what members shared with it, token refreshes every few
// minutes, one member home (the dashboard, the most expensive read: nine statements) per
// visit, a card edit now and then, and a password login rarely (refresh tokens last 30 days).
import { createHash, randomBytes } from 'node:crypto';
import { CARD_SCHEMA_ID } from '@cardcoop/contracts';
import { login, nextIp } from './auth-client.js';
import { send } from './open-load.js';

/** Relative weights of the operations (they add up to 90.5), and the requests each one makes. */
export const WEIGHTS = {
  'card read': 16,
  'notifications list': 14,
  'notifications unread count': 14,
  'accounts list': 12,
  'cooperative reads a share': 12,
  'token refresh': 8,
  'grants list': 6,
  'member home (dashboard)': 4,
  'card edit (read + compare-and-swap write)': 3,
  'share: consent screen, grant, ticket exchanged by the cooperative': 1,
  'login (OPAQUE initiate + complete)': 0.5,
};
const REQUESTS_PER_OPERATION = {
  'card edit (read + compare-and-swap write)': 2,
  'share: consent screen, grant, ticket exchanged by the cooperative': 3,
  'login (OPAQUE initiate + complete)': 2,
};

/** Requests per operation on average: the operation rate is the request rate divided by it. */
export const requestsPerOperation = (() => {
  const total = Object.values(WEIGHTS).reduce((sum, w) => sum + w, 0);
  const requests = Object.entries(WEIGHTS).reduce(
    (sum, [name, w]) => sum + w * (REQUESTS_PER_OPERATION[name] ?? 1),
    0,
  );
  return requests / total;
})();

const pick = (list) => list[Math.floor(Math.random() * list.length)];
const envelope = () => ({
  v: 1,
  alg: 'A256GCM',
  kid: '1',
  iv: randomBytes(12).toString('base64url'),
  ct: randomBytes(1200).toString('base64url'),
});
const CARD_META = { version: 1, schema: CARD_SCHEMA_ID, kind: 'individual' };
const b64 = (bytes) => Buffer.from(bytes).toString('base64url');
/** The HPKE share envelope's shape (packages/contracts shareEnvelopeSchema), with random bytes. */
const shareEnvelope = () => ({
  v: 1,
  suite: 'X25519-HKDF-SHA256-AES256GCM',
  kid: 'dk-2026',
  enc: b64(randomBytes(32)),
  ct: b64(randomBytes(1000)),
});
const SHARED_FIELDS = ['last_name', 'first_name', 'birthdate', 'phone'];

/** A new sealed card (random bytes of the right shape) written on top of `revision`. */
export const cardWriteBody = (revision) => ({
  card: envelope(),
  meta: CARD_META,
  expected_revision: revision,
});

/**
 * `fixture`: { members: [{ authorization }], grants: [{ path, authorization }], loginEmails,
 * refreshTokens } (refresh tokens are spent and replaced, each in one request at a time).
 * `devices`: where the members' side of a login runs (member-devices.js).
 * Returns `operation(scheduledAt)` for runSchedule, recording into `recorder`.
 */
export function createMix({ url, agent, fixture, recorder, devices }) {
  const operations = Object.entries(WEIGHTS);
  const totalWeight = operations.reduce((sum, [, w]) => sum + w, 0);
  const editing = new Set();

  /** One request, timed from `since`; resolves to the response, or undefined after an error. */
  async function request(route, since, options, expected = 200) {
    try {
      const response = await send(agent, url, options);
      recorder.response(
        route,
        performance.now() - since,
        response.status,
        response.status === expected,
      );
      return response;
    } catch (error) {
      recorder.error(route, error);
      return undefined;
    }
  }
  const memberGet = (route, path) => (since) =>
    request(route, since, {
      path,
      headers: { authorization: pick(fixture.members).authorization },
    });

  const byName = {
    'card read': memberGet('GET /api/v1/card', '/api/v1/card'),
    'notifications list': memberGet('GET /api/v1/notifications', '/api/v1/notifications'),
    'notifications unread count': memberGet(
      'GET /api/v1/notifications/unread-count',
      '/api/v1/notifications/unread-count',
    ),
    'accounts list': memberGet('GET /api/v1/card/accounts', '/api/v1/card/accounts'),
    'grants list': memberGet('GET /api/v1/access/list', '/api/v1/access/list'),
    'member home (dashboard)': memberGet('GET /api/v1/dashboard', '/api/v1/dashboard'),
    'cooperative reads a share': (since) => {
      const grant = pick(fixture.grants);
      return request('GET /api/v1/access/get-encrypted-data/{username}/{coopname}', since, {
        path: grant.path,
        headers: { authorization: grant.authorization },
      });
    },
    'token refresh': async (since) => {
      const token = fixture.refreshTokens.shift();
      if (!token) return recorder.error('POST /api/v1/auth/refresh-token', new Error('no token'));
      const response = await request('POST /api/v1/auth/refresh-token', since, {
        method: 'POST',
        path: '/api/v1/auth/refresh-token',
        headers: { 'x-forwarded-for': nextIp() },
        body: { refresh_token: token },
      });
      fixture.refreshTokens.push(
        response?.status === 200 ? JSON.parse(response.body).refresh_token : token,
      );
    },
    'card edit (read + compare-and-swap write)': async (since) => {
      // One edit per member at a time, so a 409 means the server got the revision wrong.
      const member = pick(fixture.members);
      if (editing.has(member)) return byName['card read'](since);
      editing.add(member);
      try {
        const headers = { authorization: member.authorization };
        const read = await request('GET /api/v1/card', since, { path: '/api/v1/card', headers });
        if (read?.status !== 200) return;
        const { revision } = JSON.parse(read.body);
        await request('PUT /api/v1/card', performance.now(), {
          method: 'PUT',
          path: '/api/v1/card',
          headers,
          body: cardWriteBody(revision),
        });
      } finally {
        editing.delete(member);
      }
    },
    'share: consent screen, grant, ticket exchanged by the cooperative': async (since) => {
      // As the SDK does: the consent screen's data, the grant with the member's sealed fields
      // and the cooperative's PKCE challenge, then the cooperative redeems the ticket.
      const { authorization, cooperative } = pick(fixture.shares);
      const { coopname, clientSecret, redirectUri } = cooperative;
      const headers = { authorization };
      const prepared = await request('POST /api/v1/access/prepare-share-data', since, {
        method: 'POST',
        path: '/api/v1/access/prepare-share-data',
        headers,
        body: { coopname },
      });
      if (prepared?.status !== 200) return;
      const verifier = b64(randomBytes(32));
      const shared = await request(
        'POST /api/v1/access/share-data',
        performance.now(),
        {
          method: 'POST',
          path: '/api/v1/access/share-data',
          headers,
          body: {
            coopname,
            redirect_uri: redirectUri,
            state: b64(randomBytes(16)),
            code_challenge: b64(createHash('sha256').update(verifier).digest()),
            code_challenge_method: 'S256',
            envelope: shareEnvelope(),
            fields: SHARED_FIELDS,
          },
        },
        201,
      );
      if (shared?.status !== 201) return;
      await request('POST /api/v1/access/exchange-ticket', performance.now(), {
        method: 'POST',
        path: '/api/v1/access/exchange-ticket',
        headers: {
          authorization: `Basic ${Buffer.from(`${coopname}:${clientSecret}`).toString('base64')}`,
        },
        body: {
          ticket: JSON.parse(shared.body).ticket,
          redirect_uri: redirectUri,
          code_verifier: verifier,
        },
      });
    },
    'login (OPAQUE initiate + complete)': async (since) => {
      const route = 'POST /api/v1/auth/initiate-login + complete-login';
      try {
        const result = await login(url, pick(fixture.loginEmails), devices);
        // The server's share of the time (the client's argon2 between the calls left out).
        recorder.response(
          route,
          result.server + (performance.now() - since - result.total),
          200,
          true,
        );
      } catch (error) {
        recorder.error(route, error);
      }
    },
  };

  return (scheduledAt) => {
    let draw = Math.random() * totalWeight;
    for (const [name, weight] of operations) {
      draw -= weight;
      if (draw < 0) return byName[name](scheduledAt);
    }
    return byName[operations[0][0]](scheduledAt);
  };
}
