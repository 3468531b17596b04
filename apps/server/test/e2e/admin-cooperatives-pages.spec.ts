import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCooperativeListSchema, cooperativeListSchema } from '@cardcoop/contracts';
import type { AdminCooperativeList } from '@cardcoop/contracts';
import { registerCooperative } from '../support/coop-fixture.js';
import { registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

// The platform's registry (`GET /admin/cooperatives`) and the member's list of cooperatives
// (`GET /cooperatives`) are read by keyset on coopname.
let server: TestApp;
const NAMES = ['pagesa', 'pagesb', 'pagesc', 'pagesd', 'pagese'];

beforeAll(async () => {
  server = await startTestApp();
  for (const name of NAMES) await registerCooperative(server, name, `ПК ${name}`);
});
afterAll(() => server.close());

const read = (query: string) =>
  fetch(`${server.url}/api/v1/admin/cooperatives${query}`, {
    headers: { authorization: `Bearer ${server.secrets.adminApiKey}` },
  });

async function page(query: string): Promise<AdminCooperativeList> {
  const response = await read(query);
  expect(response.status).toBe(200);
  return adminCooperativeListSchema.parse(await response.json());
}

interface CoopnamePage {
  cooperatives: { coopname: string }[];
  next_cursor: string | null;
}

/** Every coopname of a list read two at a time, page after page, until the cursor is null. */
async function walk(page: (query: string) => Promise<CoopnamePage>): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | null = '';
  for (let pages = 0; cursor !== null; pages += 1) {
    expect(pages).toBeLessThan(10);
    const next: CoopnamePage = await page(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    expect(next.cooperatives.length).toBeLessThanOrEqual(2);
    names.push(...next.cooperatives.map((coop) => coop.coopname));
    cursor = next.next_cursor;
  }
  return names;
}

describe('the registry of cooperatives in pages', () => {
  it('walks every cooperative by coopname, each once, and ends with a null cursor', async () => {
    const all = await page('');
    expect(all.next_cursor).toBeNull();
    const names = await walk(page);
    expect(names).toEqual(all.cooperatives.map((coop) => coop.coopname));
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(NAMES));
  });

  it('refuses a malformed cursor or limit', async () => {
    expect((await read('?cursor=NOT-A-NAME')).status).toBe(422);
    expect((await read('?limit=201')).status).toBe(422);
  });
});

describe('the member’s list of cooperatives in pages', () => {
  const list = (token: string, query: string) =>
    fetch(`${server.url}/api/v1/cooperatives${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });

  it('walks the cooperatives open to the member by coopname, each once', async () => {
    const { tokens } = await registerRaw(server.url, 'pages.member@coop.example', 'pages pages');
    const page = async (query: string) => {
      const response = await list(tokens.access_token, query);
      expect(response.status).toBe(200);
      return cooperativeListSchema.parse(await response.json());
    };
    const all = await page('');
    expect(all.next_cursor).toBeNull();
    expect(all.cooperatives.map((coop) => coop.coopname)).toEqual(NAMES);
    const names = await walk(page);
    expect(names).toEqual(NAMES);
    expect((await list(tokens.access_token, '?cursor=NOT-A-NAME')).status).toBe(422);
    expect((await list(tokens.access_token, '?limit=0')).status).toBe(422);
  });
});
