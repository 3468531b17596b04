import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionTestSchema } from '@cardcoop/contracts';
import type { ConnectionTest } from '@cardcoop/contracts';
import { certifyDataKey, generateDataKey } from '@cardcoop/sdk/coop';
import { PrivateKey } from '@wharfkit/antelope';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { freePort } from '../support/server-process.js';
import { post, registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;
let site: Server;
let siteUrl: string;
let owner: { token: string; userId: string };

async function runTest(coopname: string, token = owner.token): Promise<Response> {
  return post(server.url, `/api/v1/business/cooperatives/${coopname}/connection-test`, {}, token);
}
const check = (test: ConnectionTest, name: string) =>
  test.checks.find((entry) => entry.check === name)!;

async function cooperativeOwnedBy(coopname: string, userId: string): Promise<void> {
  await server.app.get(CooperativesService).create({ coopname, displayName: coopname });
  await server.app
    .get<Database>(DATABASE)
    .primary.execute(
      sql`insert into cooperative_staff (coopname, user_id, role) values (${coopname}, ${userId}, 'owner')`,
    );
}

beforeAll(async () => {
  server = await startTestApp({ env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: '1' } });
  site = createServer((request, response) => {
    response.statusCode = request.url?.startsWith('/broken') ? 502 : 400;
    response.end('no ticket');
  });
  const port = await freePort();
  await new Promise<void>((resolve) => site.listen(port, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${port}`;
  const registered = await registerRaw(server.url, 'owner@conn.test', 'correct horse battery');
  owner = { token: registered.tokens.access_token, userId: registered.userId };
}, 60_000);
afterAll(async () => {
  site.close();
  await server.close();
});

describe('test connection', () => {
  it('a fresh integration: says what is missing, step by step, and is not ok', async () => {
    await cooperativeOwnedBy('conntesta', owner.userId);
    const response = await runTest('conntesta');
    expect(response.status).toBe(200);
    const test = connectionTestSchema.parse(await response.json());
    expect(test.ok).toBe(false);
    expect(test.checks.map((entry) => entry.check)).toEqual([
      'cooperative_active',
      'ownership_verified',
      'redirect_uris',
      'origins',
      'requested_fields',
      'data_key',
      'redirect_uris_reachable',
      'start_page',
      'ticket_exchanged',
      'data_read',
      'callback_answered',
    ]);
    expect(check(test, 'redirect_uris')).toMatchObject({
      status: 'failed',
      reason: 'none_registered',
    });
    expect(check(test, 'origins')).toMatchObject({
      status: 'warning',
      reason: 'redirect_mode_only',
    });
    expect(check(test, 'data_key')).toMatchObject({ status: 'failed', reason: 'not_set' });
    // No share can go through: the live steps are not tried.
    for (const name of ['start_page', 'ticket_exchanged', 'data_read', 'callback_answered'])
      expect(check(test, name)).toMatchObject({ status: 'skipped', reason: 'earlier_step_failed' });
  });

  it('names the redirect URI that does not answer or answers 5xx; passes when all answer', async () => {
    await cooperativeOwnedBy('conntestb', owner.userId);
    const cooperatives = server.app.get(CooperativesService);
    const closedPort = await freePort();
    await cooperatives.update('conntestb', 1, {
      origins: [siteUrl],
      redirectUris: [`${siteUrl}/callback`, `http://127.0.0.1:${closedPort}/callback`],
    });
    let test = connectionTestSchema.parse(await (await runTest('conntestb')).json());
    expect(check(test, 'redirect_uris_reachable')).toMatchObject({
      status: 'failed',
      reason: 'unreachable',
      target: `http://127.0.0.1:${closedPort}/callback`,
    });
    await cooperatives.update('conntestb', 2, { redirectUris: [`${siteUrl}/broken`] });
    test = connectionTestSchema.parse(await (await runTest('conntestb')).json());
    expect(check(test, 'redirect_uris_reachable')).toMatchObject({
      status: 'failed',
      reason: 'server_error',
    });
    await cooperatives.update('conntestb', 3, { redirectUris: [`${siteUrl}/callback`] });
    test = connectionTestSchema.parse(await (await runTest('conntestb')).json());
    expect(check(test, 'redirect_uris_reachable').status).toBe('passed');
    expect(check(test, 'origins').status).toBe('passed');
  });

  it('a trusted data key and a ticket exchanged and data read since the current secret: every check passes', async () => {
    await cooperativeOwnedBy('conntestc', owner.userId);
    const cooperatives = server.app.get(CooperativesService);
    const pair = await generateDataKey({ coopname: 'conntestc', kid: 'k1' });
    const certificate = certifyDataKey({
      coopname: 'conntestc',
      kid: 'k1',
      publicKey: pair.publicKey,
      accountPrivateKeyWif: PrivateKey.generate('K1').toWif(),
    });
    await server.app
      .get<Database>(DATABASE)
      .primary.execute(
        sql`update cooperatives set data_key = ${JSON.stringify({ certificate })}::jsonb where coopname = 'conntestc'`,
      );
    await cooperatives.update('conntestc', 1, {
      origins: [siteUrl],
      redirectUris: [`${siteUrl}/callback`],
    });
    const audit = server.app.get(AuditService);
    await audit.record(randomUUID(), 'grant.ticket_exchanged', { coopname: 'conntestc' });
    let test = connectionTestSchema.parse(await (await runTest('conntestc')).json());
    expect(check(test, 'data_key')).toMatchObject({ status: 'passed', target: 'k1' });
    // No entry page: no live share; the last real member's share speaks instead.
    expect(check(test, 'start_page')).toMatchObject({ status: 'warning', reason: 'no_entry_url' });
    expect(check(test, 'ticket_exchanged').status).toBe('passed');
    expect(check(test, 'data_read').status).toBe('pending');
    expect(test.ok).toBe(true);
    await audit.record(randomUUID(), 'grant.read', { coopname: 'conntestc' });
    test = connectionTestSchema.parse(await (await runTest('conntestc')).json());
    expect(test.checks.every((entry) => ['passed', 'warning'].includes(entry.status))).toBe(true);
    // A new client secret: the old secret's exchanges no longer count.
    await cooperatives.rotateSecret('conntestc');
    test = connectionTestSchema.parse(await (await runTest('conntestc')).json());
    expect(check(test, 'ticket_exchanged').status).toBe('pending');
  });

  it('is the managers’ tool: a member of another cooperative gets 403', async () => {
    const stranger = await registerRaw(server.url, 'stranger@conn.test', 'correct horse battery');
    const response = await runTest('conntesta', stranger.tokens.access_token);
    expect(response.status).toBe(403);
  });
});
