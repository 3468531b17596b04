import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLogSchema, sessionListSchema } from '@cardcoop/contracts';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import { testDatabaseUrl } from '../support/environment.js';
import { post, registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;
beforeAll(async () => {
  // Behind one proxy: the member's address comes from X-Forwarded-For.
  server = await startTestApp({ env: { TRUST_PROXY: '1' } });
});
afterAll(() => server.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const get = (path: string, token: string) =>
  fetch(`${server.url}/api/v1${path}`, { headers: bearer(token) });

/** The session's life in hours from its start, read from the database. */
async function lifeHours(sessionId: string): Promise<number> {
  const client = new pg.Client({ connectionString: server.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ hours: number }>(
      'select extract(epoch from expires_at - created_at) / 3600 as hours from sessions where id = $1',
      [sessionId],
    );
    return Number(rows[0]?.hours);
  } finally {
    await client.end();
  }
}

describe('the member’s sessions', () => {
  it('shows where a session signed in from only as a masked address, and marks this one', async () => {
    const { tokens } = await registerRaw(server.url, 'sessions.ip@coop.example', 'sessions pw', {
      'x-forwarded-for': '203.0.113.57',
    });
    const response = await get('/sessions', tokens.access_token);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).not.toContain('203.0.113.57');
    expect(sessionListSchema.parse(JSON.parse(body)).sessions).toEqual([
      expect.objectContaining({
        id: tokens.session_id,
        ip_masked: '203.0.113.x',
        current: true,
      }),
    ]);
  });

  it.skipIf(!testDatabaseUrl)(
    'ends a registration’s session within a day unless its Recovery Kit is confirmed',
    async () => {
      const { tokens } = await registerRaw(server.url, 'sessions.kit@coop.example', 'kit pw');
      expect(await lifeHours(tokens.session_id)).toBeCloseTo(24, 1);
      const confirmed = await post(
        server.url,
        '/api/v1/auth/recovery-kit/confirm',
        {},
        tokens.access_token,
      );
      expect(confirmed.status).toBe(200);
      expect(await lifeHours(tokens.session_id)).toBeCloseTo(30 * 24, 1);
    },
  );
});

describe('the member’s security log', () => {
  it('names the cooperative an event is about by its display name, when it is registered', async () => {
    const { tokens, userId } = await registerRaw(server.url, 'log.names@coop.example', 'log pw');
    const created = await fetch(`${server.url}/api/v1/admin/cooperatives`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.secrets.adminApiKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ coopname: 'lognamecoop', display_name: 'ПК «Восход»' }),
    });
    expect(created.status).toBe(201);
    const audit = server.app.get(AuditService);
    await audit.record(userId, 'grant.read', { coopname: 'lognamecoop' });
    await audit.record(userId, 'grant.revoked', { coopname: 'gonecoop' });

    const response = await get('/audit', tokens.access_token);
    const events = auditLogSchema.parse(await response.json()).events;
    expect(events.find((event) => event.type === 'grant.read')).toMatchObject({
      data: { coopname: 'lognamecoop' },
      display_name: 'ПК «Восход»',
    });
    const unknown = events.find((event) => event.type === 'grant.revoked');
    expect(unknown?.data.coopname).toBe('gonecoop');
    expect(unknown).not.toHaveProperty('display_name');
    expect(events.find((event) => event.type === 'account.registered')).not.toHaveProperty(
      'display_name',
    );
  });
});
