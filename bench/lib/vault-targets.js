// What vault.js sends: the two endpoints, one request per seeded member (accounts) or grant
// (encrypted data), each with its own access token, drawn at random for every request; and a
// preflight that checks both servers answer them, with the same body.
import { isDeepStrictEqual } from 'node:util';

export const ENDPOINTS = {
  accounts: {
    route: 'GET /api/v1/card/accounts',
    description: "a member's accounts: member token, live session, accounts with memberships",
  },
  'encrypted-data': {
    route: 'GET /api/v1/access/get-encrypted-data/{username}/{coopname}',
    description: "a cooperative reads a member's share: cooperative token, the grant, ~1.5 KB",
  },
};

/**
 * Every request the load may send, per endpoint: `{ path, authorization, expected }`, where
 * `expected` checks a body in the preflight. Tokens are minted here, `lifetimeSeconds` each.
 */
export async function requestPools(seeded, minter, lifetimeSeconds) {
  const accounts = await Promise.all(
    seeded.members.map(async (member) => ({
      path: '/api/v1/card/accounts',
      authorization: `Bearer ${await minter.member(member, lifetimeSeconds)}`,
      expected: (body) =>
        body.accounts?.length === member.accounts.length &&
        body.accounts.every(
          (account, i) =>
            account.username === member.accounts[i].username &&
            account.membership === (member.accounts[i].confirmed ? 'confirmed' : 'pending'),
        ),
      weight: member.accounts.length,
    })),
  );
  const encrypted = await Promise.all(
    seeded.grants.map(async (grant) => ({
      path: `/api/v1/access/get-encrypted-data/${grant.username}/${grant.coopname}`,
      authorization: `Bearer ${await minter.coop(grant, lifetimeSeconds)}`,
      expected: (body) => isDeepStrictEqual(body.envelope, grant.envelope),
    })),
  );
  return { accounts, 'encrypted-data': encrypted };
}

/** autocannon's requests: every request a random one of `pool`. */
export function randomRequests(pool) {
  return [
    {
      method: 'GET',
      setupRequest: (request) => {
        const next = pool[Math.floor(Math.random() * pool.length)];
        return {
          ...request,
          path: next.path,
          headers: { ...request.headers, authorization: next.authorization },
        };
      },
    },
  ];
}

async function get(url, request) {
  const response = await fetch(`${url}${request.path}`, {
    headers: { authorization: request.authorization },
    signal: AbortSignal.timeout(5000),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body, text };
}

/** Top-level keys only one of two bodies has, and keys both have with different values. */
function compareBodies(a, b) {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const onlyOne = [...keys].filter((key) => !(key in a) || !(key in b));
  const different = [...keys].filter(
    (key) => key in a && key in b && !isDeepStrictEqual(a[key], b[key]),
  );
  return { onlyOne, different };
}

/**
 * One request per endpoint to each target before any load, with the member who has the most
 * accounts: each must answer 200 with the seeded data, and the baseline the same body as the
 * server, so that both really do the same job. Throws on a failure or a different value; returns
 * a warning per endpoint where one body has fields the other lacks (the server's answer changed
 * since baseline-server.js was written).
 */
export async function preflight([server, baseline], pools, endpoints) {
  const warnings = [];
  for (const endpoint of endpoints) {
    const pool = pools[endpoint];
    const request = pool.reduce((best, next) =>
      (next.weight ?? 0) > (best.weight ?? 0) ? next : best,
    );
    const bodies = [];
    for (const target of [server, baseline]) {
      const { status, body, text } = await get(target.url, request);
      if (status !== 200 || !request.expected(body)) {
        throw new Error(
          `preflight: ${target.name} answered GET ${request.path} with ${status}` +
            `${status === 200 ? ' but not the seeded data' : ''}: ${text.slice(0, 300)}` +
            (status >= 500 && target.logs ? `\nIts log:\n${target.logs.text().slice(-3000)}` : ''),
        );
      }
      bodies.push(body);
    }
    const { onlyOne, different } = compareBodies(...bodies);
    if (different.length) {
      throw new Error(
        `preflight: the server and the baseline differ in ${different.join(', ')} for ` +
          `GET ${request.path}:\n${bodies.map((body) => JSON.stringify(body).slice(0, 400)).join('\n')}`,
      );
    }
    if (onlyOne.length) {
      warnings.push(
        `${endpoint}: only one of the server and the baseline answers ${onlyOne.join(', ')}; ` +
          'bring bench/lib/baseline-server.js up to date',
      );
    }
  }
  return warnings;
}
