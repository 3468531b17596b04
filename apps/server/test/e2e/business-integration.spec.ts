import { crc32, deflateSync } from 'node:zlib';
import { PrivateKey } from '@wharfkit/antelope';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminCooperativeSchema,
  businessIntegrationSchema,
  connectTargetSchema,
  rotatedClientSecretSchema,
} from '@cardcoop/contracts';
import type { BusinessIntegration } from '@cardcoop/contracts';
import { createClient } from '@cardcoop/sdk';
import type { MemberSession } from '@cardcoop/sdk';
import { certifyDataKey, exchangeTicket, generateDataKey, startShare } from '@cardcoop/sdk/coop';
import { anna } from '../../../../packages/sdk/src/testing/card-fixtures.js';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { basic } from '../support/coop-fixture.js';
import { latestCode, POLICY_VERSION, TEST_KSF } from '../support/raw-member.js';
import { setSteppedUp, staffFixture, staffMember } from '../support/staff-fixture.js';
import type { StaffFixture } from '../support/staff-fixture.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;
beforeAll(async () => {
  server = await startTestApp();
});
afterAll(() => server.close());

const db = () => server.app.get<Database>(DATABASE).primary;

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function api(
  method: 'GET' | 'PATCH' | 'PUT' | 'POST' | 'DELETE',
  path: string,
  authorization?: string,
  body?: unknown,
): Promise<Answer> {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      ...(authorization ? { authorization } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: response.headers,
  };
}

const bearer = (coop: StaffFixture, role: 'owner' | 'admin' | 'viewer') =>
  `Bearer ${coop.as(role).token}`;
const integrationPath = (coop: StaffFixture) =>
  `/business/cooperatives/${coop.coopname}/integration`;
const settingsOf = async (coop: StaffFixture): Promise<BusinessIntegration> =>
  businessIntegrationSchema.parse(
    (await api('GET', integrationPath(coop), bearer(coop, 'owner'))).body,
  );

/** A real PNG of the given size (one grey row per line, deflated). */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.alloc((width + 1) * height, 0x80);
  for (let row = 0; row < height; row += 1) rows[row * (width + 1)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of a JPEG (SOI, APP0, SOF0 of 16×8). */
const JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
  0x00, 0x01, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x08, 0x00, 0x10, 0x01, 0x01, 0x11,
  0x00, 0xff, 0xd9,
]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1');

const logo = (contentType: string, data: Buffer) => ({
  content_type: contentType,
  data: data.toString('base64'),
});

/** Events of a type on a member's audit chain, with their data. */
async function auditEvents(userId: string, type: string) {
  const result = (await db().execute(
    sql`select data from audit_events where subject_id = ${userId} and type = ${type} order by seq`,
  )) as unknown as { rows: { data: Record<string, unknown> }[] };
  return result.rows.map((row) => row.data);
}

describe('integration settings: who may read and change them', () => {
  let coop: StaffFixture;
  let other: StaffFixture;
  beforeAll(async () => {
    coop = await staffFixture(server, { roles: ['owner', 'admin', 'viewer'] });
    other = await staffFixture(server, { roles: ['owner'] });
  });

  it('shows the settings to every role of the cooperative, and to nobody else', async () => {
    for (const role of ['owner', 'admin', 'viewer'] as const) {
      const answer = await api('GET', integrationPath(coop), bearer(coop, role));
      expect(answer.status).toBe(200);
      const settings = businessIntegrationSchema.parse(answer.body);
      expect(settings).toMatchObject({
        coopname: coop.coopname,
        client_id: coop.coopname,
        verified: expect.any(Boolean) as boolean,
        level: 'basic',
        status: 'active',
        data_key: null,
        logo: null,
        client_secret: { rotated_at: null, previous_valid_until: null },
      });
    }
    const stranger = await api('GET', integrationPath(coop), bearer(other, 'owner'));
    expect([stranger.status, stranger.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await api('GET', integrationPath(coop))).status).toBe(401);
  });

  it('lets owners and admins change them, not viewers nor another cooperative’s owner', async () => {
    const { revision } = await settingsOf(coop);
    for (const authorization of [bearer(coop, 'viewer'), bearer(other, 'owner')]) {
      const refused = await api('PATCH', integrationPath(coop), authorization, {
        expected_revision: revision,
        display_name: 'Захвачено',
      });
      expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    }
    const byAdmin = await api('PATCH', integrationPath(coop), bearer(coop, 'admin'), {
      expected_revision: revision,
      display_name: 'ПК «Рассвет»',
    });
    expect(byAdmin.status).toBe(200);
    const byOwner = await api('PATCH', integrationPath(coop), bearer(coop, 'owner'), {
      expected_revision: revision + 1,
      legal_name: 'Потребительский кооператив «Рассвет»',
    });
    expect(byOwner.status).toBe(200);
    expect(businessIntegrationSchema.parse(byOwner.body)).toMatchObject({
      display_name: 'ПК «Рассвет»',
      legal_name: 'Потребительский кооператив «Рассвет»',
      revision: revision + 2,
    });
  });
});

describe('integration settings: changes', () => {
  let coop: StaffFixture;
  beforeAll(async () => {
    coop = await staffFixture(server, { roles: ['owner', 'admin'] });
  });

  it('saves every setting, audits who changed what from what, and shows it on the consent screen', async () => {
    const before = await settingsOf(coop);
    const answer = await api('PATCH', integrationPath(coop), bearer(coop, 'admin'), {
      expected_revision: before.revision,
      description: 'Кооператив жителей дома на Советской.',
      site_url: 'http://localhost:4100/about',
      origins: ['http://localhost:4100'],
      redirect_uris: ['http://localhost:4100/callback'],
      entry_url: 'http://localhost:4100/enter',
      requested_fields: [
        { field: 'last_name', reason: 'Для реестра пайщиков' },
        { field: 'phone', reason: 'Чтобы позвонить о собрании' },
      ],
    });
    expect(answer.status).toBe(200);
    const after = businessIntegrationSchema.parse(answer.body);
    expect(after).toMatchObject({
      description: 'Кооператив жителей дома на Советской.',
      site_url: 'http://localhost:4100/about',
      origins: ['http://localhost:4100'],
      redirect_uris: ['http://localhost:4100/callback'],
      entry_url: 'http://localhost:4100/enter',
      requested_fields: [
        { field: 'last_name', reason: 'Для реестра пайщиков' },
        { field: 'phone', reason: 'Чтобы позвонить о собрании' },
      ],
      revision: before.revision + 1,
    });

    // One event, on the admin's chain, naming the cooperative, the actor and each change.
    const admin = coop.as('admin');
    const [event, ...more] = await auditEvents(admin.userId, 'integration.updated');
    expect(more).toEqual([]);
    expect(event).toMatchObject({ coopname: coop.coopname, actor: admin.userId, role: 'admin' });
    expect(String(event!.changed).split(',').sort()).toEqual([
      'description',
      'entry_url',
      'origins',
      'redirect_uris',
      'requested_fields',
      'site_url',
    ]);
    const changes = JSON.parse(String(event!.changes)) as Record<string, unknown>;
    expect(changes.origins).toEqual({ from: [], to: ['http://localhost:4100'] });
    expect(changes.description).toEqual({
      from: null,
      to: 'Кооператив жителей дома на Советской.',
    });
    expect(changes.requested_fields).toMatchObject({
      to: [
        { field: 'last_name', reason: 'Для реестра пайщиков' },
        { field: 'phone', reason: 'Чтобы позвонить о собрании' },
      ],
    });

    // The admin API and the cooperative's row keep their plain list of field names.
    const adminView = await server.app.get(CooperativesService).get(coop.coopname);
    expect(adminView.requestedFields).toEqual(['last_name', 'phone']);
    expect(adminCooperativeSchema.parse({ ...after, requested_fields: ['x'] })).toBeTruthy();

    // The consent screen's target: description, site, reasons.
    const target = await api(
      'GET',
      `/access/connect/${coop.coopname}?redirect_uri=${encodeURIComponent('http://localhost:4100/callback')}`,
    );
    expect(target.status).toBe(200);
    expect(connectTargetSchema.parse(target.body)).toMatchObject({
      description: 'Кооператив жителей дома на Советской.',
      site_url: 'http://localhost:4100/about',
      logo_url: null,
      requested_fields: ['last_name', 'phone'],
      field_reasons: { last_name: 'Для реестра пайщиков', phone: 'Чтобы позвонить о собрании' },
    });
  });

  it('changes nothing (no revision, no event) when nothing differs', async () => {
    const before = await settingsOf(coop);
    const owner = coop.as('owner');
    const same = await api('PATCH', integrationPath(coop), bearer(coop, 'owner'), {
      expected_revision: before.revision,
      display_name: before.display_name,
    });
    expect(same.status).toBe(200);
    expect((await settingsOf(coop)).revision).toBe(before.revision);
    expect(await auditEvents(owner.userId, 'integration.updated')).toEqual([]);
  });

  it('refuses a stale revision with 409, and lets one of two concurrent edits win', async () => {
    const { revision } = await settingsOf(coop);
    const stale = await api('PATCH', integrationPath(coop), bearer(coop, 'owner'), {
      expected_revision: revision - 1,
      display_name: 'Старая версия',
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'CONFLICT']);

    const racing = await Promise.all(
      (['owner', 'admin'] as const).map((role) =>
        api('PATCH', integrationPath(coop), bearer(coop, role), {
          expected_revision: revision,
          display_name: `Правка ${role}`,
        }),
      ),
    );
    expect(racing.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const winner = racing.find((answer) => answer.status === 200)!;
    const settings = await settingsOf(coop);
    expect(settings.display_name).toBe((winner.body as { display_name: string }).display_name);
    expect(settings.revision).toBe(revision + 1);
  });

  it('refuses unknown fields, a long description, a non-https site and an entry off its origins', async () => {
    const { revision } = await settingsOf(coop);
    const refusals: [Record<string, unknown>, string][] = [
      [
        { requested_fields: [{ field: 'favourite_colour', reason: 'Просто так' }] },
        'requested_fields',
      ],
      [{ requested_fields: [{ field: 'phone', reason: '' }] }, 'requested_fields'],
      [
        {
          requested_fields: [
            { field: 'phone', reason: 'а' },
            { field: 'phone', reason: 'б' },
          ],
        },
        'requested_fields',
      ],
      [{ requested_fields: ['phone'] }, 'requested_fields'],
      [{ description: 'я'.repeat(501) }, 'description'],
      [{ site_url: 'http://coop.example' }, 'site_url'],
      [{ site_url: 'javascript:alert(1)' }, 'site_url'],
      [{ redirect_uris: ['http://localhost:4100/cb#frag'] }, 'redirect_uris'],
      [{ client_secret_hash: 'x' }, ''],
    ];
    for (const [change, path] of refusals) {
      const refused = await api('PATCH', integrationPath(coop), bearer(coop, 'owner'), {
        expected_revision: revision,
        ...change,
      });
      expect([refused.status, refused.body.code]).toEqual([422, 'VALIDATION_FAILED']);
      expect(JSON.stringify(refused.body.details)).toContain(path);
    }
    const offOrigin = await api('PATCH', integrationPath(coop), bearer(coop, 'owner'), {
      expected_revision: revision,
      entry_url: 'http://localhost:9999/enter',
    });
    expect([offOrigin.status, offOrigin.body.code]).toEqual([422, 'VALIDATION_FAILED']);
    expect((await settingsOf(coop)).revision).toBe(revision);
  });
});

describe('integration settings: an unverified cooperative', () => {
  it('keeps its targets on this machine until ownership is proven (the registry’s rule applies to the panel)', async () => {
    const coop = await staffFixture(server, { roles: ['owner'] });
    await db().execute(
      sql`update cooperatives set verified_at = null, verified_via = null where coopname = ${coop.coopname}`,
    );
    const { revision, verified } = await settingsOf(coop);
    expect(verified).toBe(false);
    const refused = await api('PATCH', integrationPath(coop), bearer(coop, 'owner'), {
      expected_revision: revision,
      origins: ['https://coop.example'],
    });
    expect([refused.status, refused.body.code]).toEqual([422, 'NOT_VERIFIED']);
    const local = await api('PATCH', integrationPath(coop), bearer(coop, 'owner'), {
      expected_revision: revision,
      origins: ['http://localhost:4500'],
      redirect_uris: ['http://localhost:4500/callback'],
    });
    expect(local.status).toBe(200);
  });
});

describe('integration settings: the logo', () => {
  let coop: StaffFixture;
  const logoPath = (c: StaffFixture) => `${integrationPath(c)}/logo`;
  const callback = 'http://localhost:4300/callback';
  const connectTarget = async (c: StaffFixture) =>
    connectTargetSchema.parse(
      (
        await api(
          'GET',
          `/access/connect/${c.coopname}?redirect_uri=${encodeURIComponent(callback)}`,
        )
      ).body,
    );
  beforeAll(async () => {
    coop = await staffFixture(server, { roles: ['owner', 'viewer'] });
    const cooperatives = server.app.get(CooperativesService);
    const { revision } = await cooperatives.get(coop.coopname);
    await cooperatives.update(coop.coopname, revision, { redirectUris: [callback] });
  });

  it('stores a PNG and serves it publicly with the sniffed type, nosniff, an ETag and a day of cache', async () => {
    const image = png(64, 32);
    const put = await api('PUT', logoPath(coop), bearer(coop, 'owner'), logo('image/png', image));
    expect(put.status).toBe(200);
    const settings = businessIntegrationSchema.parse(put.body);
    expect(settings.logo).toMatchObject({ content_type: 'image/png', width: 64, height: 32 });
    const served = await fetch(`${server.url}${settings.logo!.url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('cache-control')).toBe('public, max-age=86400');
    const etag = served.headers.get('etag');
    expect(etag).toBe(`"${settings.logo!.sha256}"`);
    expect(Buffer.from(await served.arrayBuffer()).equals(image)).toBe(true);
    const again = await fetch(`${server.url}/api/v1/cooperatives/${coop.coopname}/logo`, {
      headers: { 'if-none-match': etag! },
    });
    expect(again.status).toBe(304);

    // The consent screen shows it.
    expect((await connectTarget(coop)).logo_url).toBe(settings.logo!.url);
    const [event] = await auditEvents(coop.as('owner').userId, 'integration.logo_changed');
    expect(event).toMatchObject({ coopname: coop.coopname, content_type: 'image/png' });
  });

  it('refuses renamed programs and documents, a lying type, big files and big pictures', async () => {
    const refusals: [Record<string, string>, number, string][] = [
      [logo('image/png', EXE), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [logo('image/jpeg', PDF), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [logo('image/png', JPEG), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [
        logo('image/png', Buffer.concat([png(10, 10), Buffer.alloc(300 * 1024)])),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      [logo('image/png', png(2000, 1)), 422, 'VALIDATION_FAILED'],
      [logo('application/pdf', PDF), 422, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of refusals) {
      const refused = await api('PUT', logoPath(coop), bearer(coop, 'owner'), body);
      expect([refused.status, refused.body.code]).toEqual([status, code]);
    }
    const jpeg = await api('PUT', logoPath(coop), bearer(coop, 'owner'), logo('image/jpeg', JPEG));
    expect(businessIntegrationSchema.parse(jpeg.body).logo).toMatchObject({
      content_type: 'image/jpeg',
      width: 16,
      height: 8,
    });
  });

  it('is changed by managers only, and removed with DELETE', async () => {
    const viewer = await api(
      'PUT',
      logoPath(coop),
      bearer(coop, 'viewer'),
      logo('image/png', png(8, 8)),
    );
    expect(viewer.status).toBe(403);
    expect((await api('DELETE', logoPath(coop), bearer(coop, 'viewer'))).status).toBe(403);
    expect((await api('DELETE', logoPath(coop), bearer(coop, 'owner'))).status).toBe(204);
    expect((await api('DELETE', logoPath(coop), bearer(coop, 'owner'))).status).toBe(404);
    expect((await fetch(`${server.url}/api/v1/cooperatives/${coop.coopname}/logo`)).status).toBe(
      404,
    );
    expect((await settingsOf(coop)).logo).toBeNull();
    expect((await connectTarget(coop)).logo_url).toBeNull();
    expect(await auditEvents(coop.as('owner').userId, 'integration.logo_removed')).toHaveLength(1);
  });
});

describe('integration settings: client secret rotation and the data key', () => {
  let coop: StaffFixture;
  let session: MemberSession;
  const redirectUri = 'http://localhost:4200/callback';
  let secret: string;
  const secretPath = () => `${integrationPath(coop)}/client-secret`;

  beforeAll(async () => {
    coop = await staffFixture(server, { roles: ['owner', 'admin'] });
    secret = Buffer.from(coop.credentials.slice(6), 'base64').toString().split(':')[1]!;
    const cooperatives = server.app.get(CooperativesService);
    const { revision } = await cooperatives.get(coop.coopname);
    await cooperatives.update(coop.coopname, revision, { redirectUris: [redirectUri] });
    const client = createClient({ baseUrl: server.url, language: 'en' });
    const email = `member.${coop.coopname}@coop.example`;
    await client.auth.startRegistration({ email, privacyVersion: POLICY_VERSION });
    session = await client.auth.completeRegistration({
      email,
      code: await latestCode(server.url, email),
      password: 'member password',
      ksf: TEST_KSF,
    });
    const member = client.member(session);
    await member.card.issue(anna);
    await member.card.createAccount(coop.coopname);
    const [account] = await member.card.listAccounts();
    const confirmed = await api('PUT', `/coop/memberships/${account!.username}`, coop.credentials);
    expect(confirmed.status).toBe(204);
  });

  const certificate = async (signer = PrivateKey.generate('K1')) => {
    const key = await generateDataKey({ coopname: coop.coopname });
    return certifyDataKey({
      coopname: coop.coopname,
      kid: key.kid,
      publicKey: key.publicKey,
      accountPrivateKeyWif: signer.toWif(),
    });
  };

  it('publishes a data key with step-up, with the coop API’s checks', async () => {
    const admin = coop.as('admin');
    const path = `${integrationPath(coop)}/data-key`;
    await setSteppedUp(server, admin.sessionId, null);
    const cold = await api('PUT', path, bearer(coop, 'admin'), {
      certificate: await certificate(),
    });
    expect([cold.status, cold.body.code]).toEqual([403, 'STEP_UP_REQUIRED']);
    await setSteppedUp(server, admin.sessionId, 0);
    const foreign = await certificate();
    const wrongCoop = await api('PUT', path, bearer(coop, 'admin'), {
      certificate: { ...foreign, payload: { ...foreign.payload, coopname: 'someoneelse' } },
    });
    expect([wrongCoop.status, wrongCoop.body.code]).toEqual([422, 'VALIDATION_FAILED']);
    const good = await certificate();
    const published = await api('PUT', path, bearer(coop, 'admin'), { certificate: good });
    expect(published.status).toBe(200);
    expect(businessIntegrationSchema.parse(published.body).data_key).toMatchObject({
      kid: good.payload.kid,
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
    });
    const [event] = await auditEvents(admin.userId, 'integration.data_key_published');
    expect(event).toMatchObject({ coopname: coop.coopname, kid: good.payload.kid });
  });

  it('rotates only for a stepped-up owner; the old secret and its tokens live until the grace ends', async () => {
    const owner = coop.as('owner');
    const admin = coop.as('admin');
    await setSteppedUp(server, admin.sessionId, 0);
    const byAdmin = await api('POST', secretPath(), bearer(coop, 'admin'), { grace_minutes: 60 });
    expect([byAdmin.status, byAdmin.body.code]).toEqual([403, 'FORBIDDEN']);
    await setSteppedUp(server, owner.sessionId, null);
    const cold = await api('POST', secretPath(), bearer(coop, 'owner'), { grace_minutes: 60 });
    expect([cold.status, cold.body.code]).toEqual([403, 'STEP_UP_REQUIRED']);
    await setSteppedUp(server, owner.sessionId, 6 * 60_000);
    const stale = await api('POST', secretPath(), bearer(coop, 'owner'), { grace_minutes: 60 });
    expect([stale.status, stale.body.code]).toEqual([403, 'STEP_UP_REQUIRED']);
    await setSteppedUp(server, owner.sessionId, 0);
    const tooLong = await api('POST', secretPath(), bearer(coop, 'owner'), {
      grace_minutes: 10081,
    });
    expect(tooLong.status).toBe(422);

    // A token issued under the secret about to be replaced.
    const oldSecret = secret;
    const before = await shareAndExchange(oldSecret);
    expect((await read(before)).status).toBe(200);

    const rotated = await api('POST', secretPath(), bearer(coop, 'owner'), { grace_minutes: 60 });
    expect(rotated.status).toBe(200);
    const fresh = rotatedClientSecretSchema.parse(rotated.body);
    expect(fresh.client_secret).not.toBe(oldSecret);
    const graceEnd = Date.parse(fresh.previous_valid_until!);
    expect(Math.abs(graceEnd - Date.now() - 60 * 60_000)).toBeLessThan(60_000);
    secret = fresh.client_secret;
    expect((await settingsOf(coop)).client_secret).toEqual({
      rotated_at: expect.any(String) as string,
      previous_valid_until: fresh.previous_valid_until,
    });

    // Within the grace: both secrets work, the old token reads, a token got with the old secret too.
    expect((await closedAccounts(oldSecret)).status).toBe(200);
    expect((await closedAccounts(secret)).status).toBe(200);
    expect((await read(before)).status).toBe(200);
    const duringGrace = await shareAndExchange(oldSecret);
    expect((await read(duringGrace)).status).toBe(200);
    const underNew = await shareAndExchange(secret);
    expect((await read(underNew)).status).toBe(200);

    // The audit event says who rotated and the grace, never the secret.
    const events = await auditEvents(owner.userId, 'integration.client_secret_rotated');
    expect(events).toEqual([
      expect.objectContaining({ coopname: coop.coopname, actor: owner.userId, grace_minutes: 60 }),
    ]);
    expect(JSON.stringify(events)).not.toContain(secret);
    expect(JSON.stringify(events)).not.toContain(oldSecret);

    // The grace ends: the old secret and every token issued under it stop; the new ones work.
    await db().execute(
      sql`update cooperatives set previous_client_secret_valid_until = now() - interval '1 second' where coopname = ${coop.coopname}`,
    );
    const oldCredentials = await closedAccounts(oldSecret);
    expect([oldCredentials.status, oldCredentials.body.code]).toEqual([401, 'UNAUTHORIZED']);
    for (const token of [before, duringGrace]) {
      const ended = await read(token);
      expect([ended.status, ended.body.code]).toEqual([401, 'INVALID_TOKEN']);
    }
    expect((await closedAccounts(secret)).status).toBe(200);
    expect((await read(underNew)).status).toBe(200);
    expect((await settingsOf(coop)).client_secret.previous_valid_until).toBeNull();

    // Without a grace the replaced secret stops at once.
    const now = await api('POST', secretPath(), bearer(coop, 'owner'), { grace_minutes: 0 });
    const immediate = rotatedClientSecretSchema.parse(now.body);
    expect(immediate.previous_valid_until).toBeNull();
    expect((await closedAccounts(secret)).status).toBe(401);
    expect((await read(underNew)).status).toBe(401);
    expect((await closedAccounts(immediate.client_secret)).status).toBe(200);
    secret = immediate.client_secret;
  });

  /** The member shares a field; the cooperative exchanges the ticket with `clientSecret`. */
  async function shareAndExchange(clientSecret: string) {
    const member = createClient({ baseUrl: server.url, language: 'en' }).member(session);
    const started = await startShare({ redirectUri });
    const { prepared } = await member.access.prepare(coop.coopname);
    const issued = await member.access.share({
      prepared,
      fields: ['first_name'],
      redirectUri,
      state: started.state,
      codeChallenge: started.codeChallenge,
    });
    return exchangeTicket({
      baseUrl: server.url,
      coopname: coop.coopname,
      clientSecret,
      ticket: issued.ticket,
      redirectUri,
      codeVerifier: started.codeVerifier,
    });
  }

  const read = (token: { access_token: string; username: string }) =>
    api(
      'GET',
      `/access/get-encrypted-data/${token.username}/${coop.coopname}`,
      `Bearer ${token.access_token}`,
    );
  const closedAccounts = (clientSecret: string) =>
    api('GET', '/coop/closed-accounts', basic(coop.coopname, clientSecret));
});

describe('integration settings: a member who is on no staff', () => {
  it('gets 403 everywhere', async () => {
    const coop = await staffFixture(server, { roles: ['owner'] });
    const outsider = await staffMember(server, `outsider.${coop.coopname}`);
    const authorization = `Bearer ${outsider.token}`;
    expect((await api('GET', integrationPath(coop), authorization)).status).toBe(403);
    expect(
      (
        await api(
          'PUT',
          `${integrationPath(coop)}/logo`,
          authorization,
          logo('image/png', png(4, 4)),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await api('POST', `${integrationPath(coop)}/client-secret`, authorization, {
          grace_minutes: 0,
        })
      ).status,
    ).toBe(403);
  });
});
