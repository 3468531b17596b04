import { PrivateKey } from '@wharfkit/antelope';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../src/infra/cache/memory.cache.js';
import { ChainMembershipProvider } from '../../src/modules/membership/chain-membership.provider.js';
import { startAntelopeNode } from '../support/antelope-node.js';
import type { AntelopeNode } from '../support/antelope-node.js';
import { freePort } from '../support/server-process.js';

const participant = (username: string, status: string) => ({
  username,
  created_at: '2025-03-01T10:00:00',
  status,
  type: 'individual',
  has_vote: status !== 'blocked',
  braname: '',
});

const owner = PrivateKey.generate('K1').toPublic();
const active = PrivateKey.generate('K1').toPublic();
const other = PrivateKey.generate('K1').toPublic();

describe('chain membership provider against an Antelope RPC node', () => {
  let node: AntelopeNode;

  beforeAll(async () => {
    node = await startAntelopeNode({
      participants: { voskhod: [participant('anna', 'accepted'), participant('boris', 'blocked')] },
      accounts: {
        // Nodes may list keys in the legacy EOS… form; the provider answers PUB_K1_….
        voskhod: {
          owner: [owner.toLegacyString()],
          active: [active.toString()],
          posting: [other.toString()],
        },
      },
    });
  });
  afterAll(() => node.close());

  it('confirms a participant, not a blocked one or a stranger, and asks for exactly that row', async () => {
    const provider = new ChainMembershipProvider(node.url, new MemoryCache());
    expect(await provider.status('voskhod', 'anna')).toBe('confirmed');
    expect(await provider.status('voskhod', 'boris')).toBe('applicant');
    expect(await provider.status('voskhod', 'carl')).toBe('applicant');
    expect(await provider.status('monocoop', 'anna')).toBe('applicant');
    expect(node.requests[0]).toMatchObject({
      path: '/v1/chain/get_table_rows',
      params: {
        code: 'soviet',
        scope: 'voskhod',
        table: 'participants',
        lower_bound: 'anna',
        upper_bound: 'anna',
        limit: 1,
        json: true,
      },
    });
  });

  it('caches answers for a minute', async () => {
    const cache = new MemoryCache();
    const provider = new ChainMembershipProvider(node.url, cache);
    const before = node.requests.length;
    await provider.status('voskhod', 'anna');
    await provider.status('voskhod', 'anna');
    await provider.accountKeys('voskhod');
    await provider.accountKeys('voskhod');
    expect(node.requests.length - before).toBe(2);
    await cache.close();
  });

  it("reads the owner and active keys of the cooperative's account (get_account), none for an unknown one", async () => {
    const provider = new ChainMembershipProvider(node.url, new MemoryCache());
    expect(await provider.accountKeys('voskhod')).toEqual([owner.toString(), active.toString()]);
    expect(node.requests.at(-1)).toEqual({
      path: '/v1/chain/get_account',
      params: { account_name: 'voskhod' },
    });
    expect(await provider.accountKeys('nosuchcoop')).toEqual([]);
  });

  it('answers SERVICE_UNAVAILABLE when the node cannot be reached', async () => {
    const provider = new ChainMembershipProvider(
      `http://127.0.0.1:${await freePort()}`,
      new MemoryCache(),
    );
    await expect(provider.status('voskhod', 'anna')).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      statusCode: 503,
    });
    await expect(provider.accountKeys('voskhod')).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
  });
});
