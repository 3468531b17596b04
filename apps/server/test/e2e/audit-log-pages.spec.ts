import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLogSchema } from '@cardcoop/contracts';
import type { AuditLog } from '@cardcoop/contracts';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import { registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

// The member's security log (`GET /audit`) is read by keyset on `seq`, newest first.
let server: TestApp;

beforeAll(async () => {
  server = await startTestApp();
});
afterAll(() => server.close());

const read = (token: string, query: string) =>
  fetch(`${server.url}/api/v1/audit${query}`, { headers: { authorization: `Bearer ${token}` } });

async function page(token: string, query: string): Promise<AuditLog> {
  const response = await read(token, query);
  expect(response.status).toBe(200);
  return auditLogSchema.parse(await response.json());
}

describe('the security log in pages', () => {
  it('walks every event newest first, each once, and ends with a null cursor', async () => {
    const { tokens, userId } = await registerRaw(server.url, 'pages@coop.example', 'pages pass');
    const audit = server.app.get(AuditService);
    for (let i = 0; i < 7; i += 1) await audit.record(userId, 'pages.event', { i });
    const all = await page(tokens.access_token, '');
    expect(all.next_cursor).toBeNull();

    const seqs: number[] = [];
    let cursor: string | null = '';
    for (let pages = 0; cursor !== null; pages += 1) {
      expect(pages).toBeLessThan(10);
      const next = await page(tokens.access_token, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(next.events.length).toBeLessThanOrEqual(3);
      seqs.push(...next.events.map((event) => event.seq));
      cursor = next.next_cursor;
    }
    expect(seqs).toEqual(all.events.map((event) => event.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(seqs.length).toBeGreaterThanOrEqual(7);
  });

  it('pages only the member’s own log and refuses a malformed cursor or limit', async () => {
    const mine = await registerRaw(server.url, 'pages.mine@coop.example', 'pages pass');
    const other = await registerRaw(server.url, 'pages.other@coop.example', 'pages pass');
    await server.app.get(AuditService).record(other.userId, 'pages.other', {});
    const { events } = await page(mine.tokens.access_token, '?cursor=999999');
    expect(events.map((event) => event.type)).not.toContain('pages.other');
    expect((await read(mine.tokens.access_token, '?cursor=abc')).status).toBe(422);
    expect((await read(mine.tokens.access_token, '?limit=101')).status).toBe(422);
  });
});
