import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCooperativeSchema, cooperativeCreatedSchema } from '@cardcoop/contracts';
import type { AdminCooperative } from '@cardcoop/contracts';
import { sql } from 'drizzle-orm';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { generateSecrets } from '../../src/infra/secrets/secrets.js';
import { PLATFORM_AUDIT_SUBJECT } from '../../src/modules/admin/admin-events.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;

const admin = (path: string, init: { method?: string; body?: unknown; key?: string | null } = {}) =>
  fetch(`${server.url}/api/v1/admin${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.key === null
        ? {}
        : { authorization: `Bearer ${init.key ?? server.secrets.adminApiKey}` }),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });

/** A call with the cooperative's client credentials: 204 when they are good. */
const coopCall = (coopname: string, secret: string) =>
  fetch(`${server.url}/api/v1/coop/memberships/applicant1`, {
    method: 'PUT',
    headers: { authorization: `Basic ${Buffer.from(`${coopname}:${secret}`).toString('base64')}` },
  });

const create = async (coopname: string, extra: Record<string, unknown> = {}) => {
  const response = await admin('/cooperatives', {
    method: 'POST',
    body: { coopname, display_name: `ПК ${coopname}`, ...extra },
  });
  expect(response.status).toBe(201);
  return cooperativeCreatedSchema.parse(await response.json());
};

beforeAll(async () => {
  server = await startTestApp();
});
afterAll(() => server.close());

describe('admin API: who may call it', () => {
  it('refuses a missing, wrong or non-Bearer key with 401 and a Bearer challenge', async () => {
    for (const key of [null, 'wrong', `${server.secrets.adminApiKey}x`]) {
      const response = await admin('/cooperatives', { key });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    const basic = await fetch(`${server.url}/api/v1/admin/cooperatives`, {
      headers: { authorization: `Basic ${server.secrets.adminApiKey}` },
    });
    expect(basic.status).toBe(401);
  });

  it('refuses everyone when the server has no admin key', async () => {
    const { adminApiKey: _none, ...keyless } = await generateSecrets();
    const other = await startTestApp({ secrets: keyless });
    try {
      const response = await fetch(`${other.url}/api/v1/admin/cooperatives`, {
        headers: { authorization: 'Bearer undefined' },
      });
      expect(response.status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('admin API: cooperatives', () => {
  it('registers a cooperative whose client secret works at once and is never logged', async () => {
    const created = await create('adminvoskhod', {
      origins: ['https://voskhod.example'],
      redirect_uris: ['https://voskhod.example/cardcoop/callback'],
      admission: 'open',
      requested_fields: ['first_name', 'last_name', 'passport'],
    });
    expect(created.cooperative).toMatchObject({
      coopname: 'adminvoskhod',
      display_name: 'ПК adminvoskhod',
      admission: 'open',
      level: 'basic',
      status: 'active',
      requested_fields: ['first_name', 'last_name', 'passport'],
      data_key: null,
      verified_via: 'admin',
      revision: 1,
    });
    // Registered by the platform: its ownership needs no further proof.
    expect(Date.parse(created.cooperative.verified_at!)).not.toBeNaN();
    expect(created.client_secret).toMatch(/^[\w-]{43}$/);
    expect((await coopCall('adminvoskhod', created.client_secret)).status).toBe(204);
    expect(server.logs()).not.toContain(created.client_secret);
    expect(server.logs()).not.toContain(server.secrets.adminApiKey);

    const again = await admin('/cooperatives', {
      method: 'POST',
      body: { coopname: 'adminvoskhod', display_name: 'Другое имя' },
    });
    expect(again.status).toBe(409);
    const stored = adminCooperativeSchema.parse(
      await (await admin('/cooperatives/adminvoskhod')).json(),
    );
    expect(stored.display_name).toBe('ПК adminvoskhod');
  });

  it('refuses bad settings with field-level 422s and stores nothing', async () => {
    for (const body of [
      { coopname: 'Not-A-Name', display_name: 'x' },
      { coopname: 'badorigin', display_name: 'x', origins: ['https://coop.example/path'] },
      { coopname: 'badorigin', display_name: 'x', origins: ['javascript:alert(1)'] },
      { coopname: 'badredirect', display_name: 'x', redirect_uris: ['https://coop.example/cb#x'] },
      { coopname: 'badfields', display_name: 'x', requested_fields: ['password'] },
      { coopname: 'dupfields', display_name: 'x', requested_fields: ['email', 'email'] },
      { coopname: 'noname', display_name: '   ' },
      { coopname: 'badlevel', display_name: 'x', level: 'premium' },
    ]) {
      const response = await admin('/cooperatives', { method: 'POST', body });
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect((await response.json()).code).toBe('VALIDATION_FAILED');
    }
    const names = (
      (await (await admin('/cooperatives')).json()) as { cooperatives: AdminCooperative[] }
    ).cooperatives.map((c) => c.coopname);
    expect(names).not.toEqual(expect.arrayContaining(['badorigin']));
    expect((await admin('/cooperatives/Bad-Name')).status).toBe(422);
    expect((await admin('/cooperatives/nosuchcoop')).status).toBe(404);
  });

  it('changes settings only on top of the revision seen: a stale or concurrent edit gets 409', async () => {
    await create('adminedited');
    const edit = (body: Record<string, unknown>) =>
      admin('/cooperatives/adminedited', { method: 'PATCH', body });

    const [first, second] = await Promise.all([
      edit({ expected_revision: 1, display_name: 'Первое имя' }),
      edit({ expected_revision: 1, display_name: 'Второе имя' }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const winner = (first.status === 200 ? first : second) === first ? 'Первое имя' : 'Второе имя';
    const stored = adminCooperativeSchema.parse(
      await (await admin('/cooperatives/adminedited')).json(),
    );
    expect(stored).toMatchObject({ display_name: winner, revision: 2 });

    const stale = await edit({ expected_revision: 1, level: 'extended' });
    expect(stale.status).toBe(409);
    expect((await stale.json()).code).toBe('CONFLICT');
    const unknownField = await edit({
      expected_revision: 2,
      redirectUris: ['https://x.example/cb'],
    });
    expect(unknownField.status).toBe(422);

    const updated = await edit({
      expected_revision: 2,
      redirect_uris: ['https://edited.example/callback'],
      level: 'extended',
    });
    expect(updated.status).toBe(200);
    expect(adminCooperativeSchema.parse(await updated.json())).toMatchObject({
      display_name: winner,
      redirect_uris: ['https://edited.example/callback'],
      level: 'extended',
      revision: 3,
    });
    expect(
      (await admin('/cooperatives/nosuchcoop', { method: 'PATCH', body: { expected_revision: 1 } }))
        .status,
    ).toBe(404);
  });

  it('sets the legal name and the consent purpose members see, and clears them with null', async () => {
    const created = await create('adminconsent', {
      legal_name: 'Потребительский кооператив «Согласие»',
      consent_purpose: 'Рассмотрение заявления о вступлении',
      redirect_uris: ['https://consent.example/cb'],
    });
    expect(created.cooperative).toMatchObject({
      legal_name: 'Потребительский кооператив «Согласие»',
      consent_purpose: 'Рассмотрение заявления о вступлении',
    });
    const edit = (body: Record<string, unknown>) =>
      admin('/cooperatives/adminconsent', { method: 'PATCH', body });
    for (const bad of [{ legal_name: '  ' }, { consent_purpose: 'x'.repeat(1001) }]) {
      const refused = await edit({ expected_revision: 1, ...bad });
      expect(refused.status, JSON.stringify(bad)).toBe(422);
    }
    const renamed = await edit({ expected_revision: 1, legal_name: 'ПК «Согласие»' });
    expect(adminCooperativeSchema.parse(await renamed.json())).toMatchObject({
      legal_name: 'ПК «Согласие»',
      consent_purpose: 'Рассмотрение заявления о вступлении',
    });
    const cleared = await edit({ expected_revision: 2, legal_name: null, consent_purpose: null });
    expect(adminCooperativeSchema.parse(await cleared.json())).toMatchObject({
      legal_name: null,
      consent_purpose: null,
    });
    // Without them the consent screen names the display name and the default purpose.
    const target = await fetch(
      `${server.url}/api/v1/access/connect/adminconsent?redirect_uri=${encodeURIComponent('https://consent.example/cb')}`,
    );
    expect(await target.json()).toMatchObject({
      legal_name: 'ПК adminconsent',
      consent_purpose: null,
    });
  });

  it('suspending a cooperative ends its credentials; rotating a secret ends the old one', async () => {
    const { client_secret: secret } = await create('adminsuspend');
    const suspend = await admin('/cooperatives/adminsuspend', {
      method: 'PATCH',
      body: { expected_revision: 1, status: 'suspended' },
    });
    expect(suspend.status).toBe(200);
    expect((await coopCall('adminsuspend', secret)).status).toBe(401);
    await admin('/cooperatives/adminsuspend', {
      method: 'PATCH',
      body: { expected_revision: 2, status: 'active' },
    });
    expect((await coopCall('adminsuspend', secret)).status).toBe(204);

    const rotated = await admin('/cooperatives/adminsuspend/rotate-secret', { method: 'POST' });
    expect(rotated.status).toBe(200);
    const { client_id, client_secret } = (await rotated.json()) as Record<string, string>;
    expect(client_id).toBe('adminsuspend');
    expect(client_secret).not.toBe(secret);
    expect((await coopCall('adminsuspend', secret)).status).toBe(401);
    expect((await coopCall('adminsuspend', client_secret!)).status).toBe(204);
    expect((await admin('/cooperatives/nosuchcoop/rotate-secret', { method: 'POST' })).status).toBe(
      404,
    );

    // With a grace period the previous secret keeps working until the time answered.
    const graced = await admin('/cooperatives/adminsuspend/rotate-secret', {
      method: 'POST',
      body: { grace_minutes: 60 },
    });
    expect(graced.status).toBe(200);
    const next = (await graced.json()) as { client_secret: string; previous_valid_until: string };
    expect(Date.parse(next.previous_valid_until)).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect((await coopCall('adminsuspend', client_secret!)).status).toBe(204);
    expect((await coopCall('adminsuspend', next.client_secret)).status).toBe(204);
    const tooLong = await admin('/cooperatives/adminsuspend/rotate-secret', {
      method: 'POST',
      body: { grace_minutes: 8 * 24 * 60 },
    });
    expect(tooLong.status).toBe(422);
    expect(((await tooLong.json()) as { details: { path: string }[] }).details[0]?.path).toBe(
      'grace_minutes',
    );
  });
});

describe('admin API: the audit of registry changes', () => {
  it('registering, changing and rotating commit each with its event on the platform chain', async () => {
    const events = async () => {
      const rows = (await server.app
        .get<Database>(DATABASE)
        .primary.execute(
          sql`select type, data from audit_events where subject_id = ${PLATFORM_AUDIT_SUBJECT}::uuid and data ->> 'coopname' = 'auditedcoop' order by seq`,
        )) as unknown as { rows: { type: string; data: Record<string, unknown> }[] };
      return rows.rows;
    };
    await create('auditedcoop');
    const changed = await admin('/cooperatives/auditedcoop', {
      method: 'PATCH',
      body: { expected_revision: 1, display_name: 'ПК Аудит', status: 'suspended' },
    });
    expect(changed.status).toBe(200);
    // A stale edit changes nothing and records nothing.
    const stale = await admin('/cooperatives/auditedcoop', {
      method: 'PATCH',
      body: { expected_revision: 1, display_name: 'Другое' },
    });
    expect(stale.status).toBe(409);
    const rotated = await admin('/cooperatives/auditedcoop/rotate-secret', {
      method: 'POST',
      body: { grace_minutes: 60 },
    });
    expect(rotated.status).toBe(200);
    const logged = await events();
    expect(logged.map((event) => event.type)).toEqual([
      'admin.cooperative.created',
      'admin.cooperative.updated',
      'admin.cooperative.secret_rotated',
    ]);
    expect(logged.every((event) => event.data.actor === 'automation')).toBe(true);
    expect(logged[1]!.data).toMatchObject({ changed: 'display_name,status', revision: 2 });
    expect(JSON.parse(String(logged[1]!.data.changes))).toMatchObject({
      status: { from: 'active', to: 'suspended' },
    });
    expect(logged[2]!.data).toMatchObject({ grace_minutes: 60 });
    // Nothing of the secret is in the log.
    const secret = ((await rotated.json()) as { client_secret: string }).client_secret;
    expect(JSON.stringify(logged)).not.toContain(secret);
  });
});
