import { PrivateKey } from '@wharfkit/antelope';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCooperativeSchema, cardAccountListSchema } from '@cardcoop/contracts';
import { fakeEnvelope, post, registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

// Quick entry (ADR 018): the cooperative's registered entry URL, and `prompt=none` on connect.
let server: TestApp;
const ORIGIN = 'https://entry.example';
const ENTRY = `${ORIGIN}/cardcoop/entry`;
const CALLBACK = `${ORIGIN}/cardcoop/callback`;

const admin = (path: string, method = 'GET', body?: unknown) =>
  fetch(`${server.url}/api/v1/admin${path}`, {
    method,
    headers: {
      authorization: `Bearer ${server.secrets.adminApiKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const create = (coopname: string, extra: Record<string, unknown>) =>
  admin('/cooperatives', 'POST', { coopname, display_name: `ПК ${coopname}`, ...extra });

/** The body of a 422 and the paths it names. */
async function refusal(response: Response) {
  expect(response.status).toBe(422);
  const body = (await response.json()) as { code: string; details?: { path: string }[] };
  return { code: body.code, paths: (body.details ?? []).map((issue) => issue.path) };
}

beforeAll(async () => {
  server = await startTestApp();
});
afterAll(() => server.close());

describe('a cooperative registers its entry URL', () => {
  it('keeps an https entry URL on one of its origins and shows it to the admin', async () => {
    const response = await create('entrycoop', {
      origins: [ORIGIN],
      redirect_uris: [CALLBACK],
      entry_url: ENTRY,
    });
    expect(response.status).toBe(201);
    const { cooperative } = (await response.json()) as { cooperative: unknown };
    expect(adminCooperativeSchema.parse(cooperative).entry_url).toBe(ENTRY);
    const read = adminCooperativeSchema.parse(
      await (await admin('/cooperatives/entrycoop')).json(),
    );
    expect(read.entry_url).toBe(ENTRY);
  });

  it('refuses an entry URL off its origins, plain http elsewhere than localhost, or not http', async () => {
    for (const entry_url of [
      'https://evil.example/entry',
      `${ORIGIN}.evil.example/entry`,
      'http://entry.example/entry',
      'javascript:alert(1)',
      `${ENTRY}#fragment`,
    ]) {
      const refused = await refusal(
        await create('entrybad', { origins: [ORIGIN, 'http://entry.example'], entry_url }),
      );
      expect(refused).toEqual({ code: 'VALIDATION_FAILED', paths: ['entry_url'] });
    }
    for (const [coopname, origin] of [
      ['entrylocal', 'http://localhost:4000'],
      ['entryloop', 'http://127.0.0.1:4000'],
    ] as const) {
      const local = await create(coopname, { origins: [origin], entry_url: `${origin}/entry` });
      expect(local.status).toBe(201);
    }
  });

  it('changes and clears it on top of the revision, and never lets it leave the origins', async () => {
    await create('entryedit', { origins: [ORIGIN, 'https://two.example'] });
    const set = await admin('/cooperatives/entryedit', 'PATCH', {
      expected_revision: 1,
      entry_url: 'https://two.example/go',
    });
    expect(adminCooperativeSchema.parse(await set.json()).entry_url).toBe('https://two.example/go');
    // Dropping the origin it is on would leave the entry URL pointing anywhere: refused.
    const orphan = await admin('/cooperatives/entryedit', 'PATCH', {
      expected_revision: 2,
      origins: [ORIGIN],
    });
    expect(await refusal(orphan)).toEqual({ code: 'VALIDATION_FAILED', paths: ['entry_url'] });
    const cleared = await admin('/cooperatives/entryedit', 'PATCH', {
      expected_revision: 2,
      entry_url: null,
      origins: [ORIGIN],
    });
    expect(adminCooperativeSchema.parse(await cleared.json())).toMatchObject({
      entry_url: null,
      origins: [ORIGIN],
      revision: 3,
    });
  });
});

describe('the member sees where "Open" leads', () => {
  it('lists each account with its cooperative entry URL, or null', async () => {
    const { tokens } = await registerRaw(server.url, 'entry@coop.example', 'entry password');
    for (const [coopname, username] of [
      ['entrycoop', 'entrymemberq'],
      ['entryedit', 'entrymemberw'],
    ] as const) {
      const added = await post(
        server.url,
        '/api/v1/card/add-account',
        {
          coopname,
          username,
          public_key: PrivateKey.generate('K1').toPublic().toString(),
          encrypted_private_key: fakeEnvelope(`wif-for-${username}`),
        },
        tokens.access_token,
      );
      expect(added.status).toBe(201);
      expect((await added.json()).entry_url).toBe(coopname === 'entrycoop' ? ENTRY : null);
    }
    const listed = cardAccountListSchema.parse(
      await (
        await fetch(`${server.url}/api/v1/card/accounts`, {
          headers: { authorization: `Bearer ${tokens.access_token}` },
        })
      ).json(),
    );
    expect(listed.accounts.map((account) => [account.coopname, account.entry_url])).toEqual([
      ['entrycoop', ENTRY],
      ['entryedit', null],
    ]);
  });
});

describe('prompt on a connect request', () => {
  const target = (query: Record<string, string>) =>
    fetch(
      `${server.url}/api/v1/access/connect/entrycoop?${new URLSearchParams({ redirect_uri: CALLBACK, ...query })}`,
    );

  it('accepts prompt=none and refuses any other prompt by name', async () => {
    expect((await target({ prompt: 'none' })).status).toBe(200);
    for (const prompt of ['login', 'consent', '']) {
      expect(await refusal(await target({ prompt }))).toEqual({
        code: 'VALIDATION_FAILED',
        paths: ['prompt'],
      });
    }
  });
});
