import { randomBytes } from 'node:crypto';
import { PrivateKey } from '@wharfkit/antelope';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedShareSchema } from '@cardcoop/contracts';
import { signObject } from '@cardcoop/sdk';
import { CACHE } from '../../src/infra/cache/cache.js';
import type { Cache } from '../../src/infra/cache/cache.js';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { startAntelopeNode } from '../support/antelope-node.js';
import type { AntelopeNode } from '../support/antelope-node.js';
import { fakeEnvelope, post, registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

// With CHAIN_RPC_URL the chain is the registry: memberships come from soviet/participants and
// the data key must be certified by a key of the cooperative's account (get_account).
let node: AntelopeNode;
let server: TestApp;
let secret: string;
const activeKey = PrivateKey.generate('K1');
const strangerKey = PrivateKey.generate('K1');
const member = PrivateKey.generate('K1');

const certificate = (signer: PrivateKey) =>
  signObject(
    {
      coopname: 'chaincoop',
      kid: 'k1',
      public_key: randomBytes(32).toString('base64url'),
      created_at: '2026-11-22T00:00:00Z',
    },
    signer.toWif(),
  );
const putKey = (body: unknown) =>
  fetch(`${server.url}/api/v1/coop/data-key`, {
    method: 'PUT',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`chaincoop:${secret}`).toString('base64')}`,
    },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  node = await startAntelopeNode({
    participants: {
      chaincoop: [{ username: 'chainmemberx', status: 'accepted', type: 'individual' }],
    },
    accounts: {
      chaincoop: {
        owner: [PrivateKey.generate('K1').toPublic().toString()],
        active: [activeKey.toPublic().toString()],
      },
    },
  });
  server = await startTestApp({ env: { CHAIN_RPC_URL: node.url } });
  secret = (
    await server.app
      .get(CooperativesService)
      .create({ coopname: 'chaincoop', displayName: 'ПК На цепочке' })
  ).clientSecret;
});
afterAll(async () => {
  await server.close();
  await node.close();
});

describe('the chain as registry', () => {
  it("accepts a data key certified by a key of the cooperative's account only", async () => {
    expect((await putKey(certificate(strangerKey))).status).toBe(422);
    expect((await putKey(certificate(activeKey))).status).toBe(204);
  });

  it('lets a participant on chain share, and stops sharing once the key is no longer the account’s', async () => {
    const { tokens } = await registerRaw(server.url, 'chain.member@coop.example', 'chain member');
    const account = {
      coopname: 'chaincoop',
      username: 'chainmemberx',
      public_key: member.toPublic().toString(),
      encrypted_private_key: fakeEnvelope('wif'),
    };
    expect(
      (await post(server.url, '/api/v1/card/add-account', account, tokens.access_token)).status,
    ).toBe(201);
    const prepare = () =>
      post(
        server.url,
        '/api/v1/access/prepare-share-data',
        { coopname: 'chaincoop' },
        tokens.access_token,
      );
    const ready = preparedShareSchema.parse(await (await prepare()).json());
    expect(ready).toMatchObject({ username: 'chainmemberx', membership: 'confirmed' });

    // The cooperative replaces its account keys on chain; the cached answer lapses.
    node.state.accounts.chaincoop = { active: [strangerKey.toPublic().toString()] };
    await server.app.get<Cache>(CACHE).delete('chain-account-keys:chaincoop');
    const stale = await prepare();
    expect(stale.status).toBe(409);
    expect((await stale.json()).code).toBe('COOPERATIVE_NOT_READY');
  });

  it('answers 503 when the node is down, and changes nothing', async () => {
    const down = await startTestApp({ env: { CHAIN_RPC_URL: 'http://127.0.0.1:9' } });
    try {
      const { clientSecret } = await down.app
        .get(CooperativesService)
        .create({ coopname: 'chaincoop', displayName: 'ПК На цепочке' });
      const response = await fetch(`${down.url}/api/v1/coop/data-key`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          authorization: `Basic ${Buffer.from(`chaincoop:${clientSecret}`).toString('base64')}`,
        },
        body: JSON.stringify(certificate(activeKey)),
      });
      expect(response.status).toBe(503);
      expect((await response.json()).code).toBe('SERVICE_UNAVAILABLE');
      expect((await down.app.get(CooperativesService).get('chaincoop')).dataKey).toBeNull();
    } finally {
      await down.close();
    }
  });
});
