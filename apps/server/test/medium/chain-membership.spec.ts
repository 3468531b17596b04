import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../src/infra/cache/memory.cache.js';
import { ChainMembershipProvider } from '../../src/modules/membership/chain-membership.provider.js';
import { freePort } from '../support/server-process.js';

/** `soviet/participants` rows per cooperative scope, as a node would hold them. */
const PARTICIPANTS: Record<string, ({ username: string } & Record<string, unknown>)[]> = {
  voskhod: [
    {
      username: 'anna',
      created_at: '2025-03-01T10:00:00',
      status: 'accepted',
      type: 'individual',
      has_vote: true,
      braname: '',
    },
    {
      username: 'boris',
      created_at: '2025-04-01T10:00:00',
      status: 'blocked',
      type: 'individual',
      has_vote: false,
      braname: '',
    },
  ],
};

describe('chain membership provider against an Antelope RPC node', () => {
  let node: Server;
  let url: string;
  const requests: Record<string, unknown>[] = [];

  beforeAll(async () => {
    // Speaks the real wire format of POST /v1/chain/get_table_rows.
    node = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        if (request.method !== 'POST' || request.url !== '/v1/chain/get_table_rows') {
          response.writeHead(404).end();
          return;
        }
        const params = JSON.parse(body) as {
          code: string;
          scope: string;
          table: string;
          lower_bound: string;
          upper_bound: string;
        };
        requests.push(params);
        const rows =
          params.code === 'soviet' && params.table === 'participants'
            ? (PARTICIPANTS[params.scope] ?? [])
            : [];
        const matching = rows.filter(
          (row) => row.username >= params.lower_bound && row.username <= params.upper_bound,
        );
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ rows: matching, more: false, next_key: '' }));
      });
    });
    const port = await freePort();
    await new Promise<void>((resolve) => node.listen(port, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${port}`;
  });
  afterAll(() => new Promise<void>((resolve) => node.close(() => resolve())));

  it('confirms a participant, not a blocked one or a stranger, and asks for exactly that row', async () => {
    const provider = new ChainMembershipProvider(url, new MemoryCache());
    expect(await provider.status('voskhod', 'anna')).toBe('confirmed');
    expect(await provider.status('voskhod', 'boris')).toBe('pending');
    expect(await provider.status('voskhod', 'carl')).toBe('pending');
    expect(await provider.status('monocoop', 'anna')).toBe('pending');
    expect(requests[0]).toMatchObject({
      code: 'soviet',
      scope: 'voskhod',
      table: 'participants',
      lower_bound: 'anna',
      upper_bound: 'anna',
      limit: 1,
      json: true,
    });
  });

  it('caches answers for a minute', async () => {
    const cache = new MemoryCache();
    const provider = new ChainMembershipProvider(url, cache);
    const before = requests.length;
    await provider.status('voskhod', 'anna');
    await provider.status('voskhod', 'anna');
    expect(requests.length - before).toBe(1);
    await cache.close();
  });
});
