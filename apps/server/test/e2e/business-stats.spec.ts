import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUSINESS_STATS_EVENT,
  SUBSCRIBE_COOPERATIVE_EVENT,
  businessStatsSchema,
  errorBodySchema,
} from '@cardcoop/contracts';
import type { BusinessStats } from '@cardcoop/contracts';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { contentDigest } from '../../src/modules/audit/audit-hash.js';
import { AuditRepository } from '../../src/modules/audit/audit.repository.js';
import { BusinessStatsRepository } from '../../src/modules/business-stats/business-stats.repository.js';
import { cooperativeSubject } from '../../src/modules/business-stats/cooperative-subject.js';
import {
  confirmedMember,
  grantRole,
  openConnect,
  shareAndRead,
  sharingCooperative,
  signInOnConnect,
} from '../support/business-scene.js';
import { call } from '../support/coop-fixture.js';
import { planOf } from '../support/query-plan.js';
import { closeTabs, connect, until } from '../support/realtime-tabs.js';
import { post, registerRaw } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;
let voskhod: string;
const sharers: string[] = [];
const tokens: Record<'owner' | 'viewer' | 'outsider' | 'otherOwner', string> = {
  owner: '',
  viewer: '',
  outsider: '',
  otherOwner: '',
};
const today = new Date().toISOString().slice(0, 10);
const bearer = (token: string) => `Bearer ${token}`;
const statsPath = (query: string, coopname = 'voskhod') =>
  `/business/cooperatives/${coopname}/stats?${query}`;

async function statsOf(query: string, token = tokens.owner): Promise<BusinessStats> {
  const response = await call(server, 'GET', statsPath(query), bearer(token));
  expect(response.status).toBe(200);
  return businessStatsSchema.parse(response.body);
}

/** A cooperative's event at a chosen time (as `audit_append` appends any), for the boundaries. */
async function eventAt(type: string, at: string): Promise<void> {
  const data = { coopname: 'voskhod', visit_id: crypto.randomUUID() };
  await server.app.get(AuditRepository).append(
    crypto.randomUUID(),
    {
      auditType: type,
      auditAt: at,
      auditData: JSON.stringify(data),
      auditDigest: contentDigest({ type, at: new Date(at), data }),
    },
    null,
  );
}

async function staffMember(email: string, coopname: string, role?: 'owner' | 'viewer') {
  const { tokens: issued, userId } = await registerRaw(server.url, email, `${email} password`);
  if (role) await grantRole(server, coopname, userId, role);
  return issued.access_token;
}

beforeAll(async () => {
  server = await startTestApp();
  voskhod = await sharingCooperative(server, 'voskhod');
  await sharingCooperative(server, 'zarya');
  tokens.owner = await staffMember('owner@stats.example', 'voskhod', 'owner');
  tokens.viewer = await staffMember('viewer@stats.example', 'voskhod', 'viewer');
  tokens.outsider = await staffMember('outsider@stats.example', 'voskhod');
  tokens.otherOwner = await staffMember('owner@zarya.example', 'zarya', 'owner');

  // Three members go through the connect page; two consent (one of them read twice), one refuses.
  const names = ['statsannazzz', 'statsboriszz', 'statsverazzz'];
  for (const [index, username] of names.entries()) {
    const email = `${username}@stats.example`;
    await confirmedMember(server, voskhod, 'voskhod', email, username);
    const visit = await openConnect(server, 'voskhod');
    const token = await signInOnConnect(server, email, `${email} password`, {
      coopname: 'voskhod',
      visit_id: visit,
    });
    if (index < 2) {
      await shareAndRead(server, voskhod, token, 'voskhod', index + 1);
      sharers.push(token);
    } else
      expect(
        (await post(server.url, '/api/v1/access/refuse-share', { coopname: 'voskhod' }, token))
          .status,
      ).toBe(204);
  }
  // A visit that went no further.
  await openConnect(server, 'voskhod');
  // Another cooperative's traffic counts for it only.
  await openConnect(server, 'zarya');

  // 23:30 and 00:30 in Moscow (UTC+3), both on 10 March in UTC.
  await eventAt('connect.opened', '2026-03-10T20:30:00.000Z');
  await eventAt('connect.opened', '2026-03-10T21:30:00.000Z');
});
afterAll(async () => {
  closeTabs();
  await server.close();
});

describe('the business panel statistics', () => {
  it('counts the funnel exactly: four visits, three signed in, two consented, two read', async () => {
    const stats = await statsOf(`from=${today}&to=${today}&tz=UTC`);
    expect(stats.funnel).toEqual({
      connect_opened: 4,
      signed_in: 3,
      consent_given: 2,
      ticket_exchanged: 2,
      data_read: 2,
    });
    expect(stats.days).toEqual([
      {
        date: today,
        connect_opened: 4,
        registrations: 0,
        sign_ins: 3,
        consents: 2,
        refusals: 1,
        revocations: 0,
        tickets_exchanged: 2,
        reads: 3,
        membership_confirmations: 3,
      },
    ]);
    expect(stats.totals).toEqual({ active_grants: 2, revocations: 0 });
  });

  it('tells the staff sockets of the cooperative, and only them, of consents, reads and revocations live', async () => {
    const staff = connect(server.url, tokens.owner);
    const outsider = connect(server.url, tokens.otherOwner);
    await Promise.all([staff.opened, outsider.opened]);
    const heard = { staff: [] as unknown[], outsider: [] as unknown[] };
    staff.socket.on(BUSINESS_STATS_EVENT, (event: unknown) => heard.staff.push(event));
    outsider.socket.on(BUSINESS_STATS_EVENT, (event: unknown) => heard.outsider.push(event));
    expect(await staff.socket.emitWithAck(SUBSCRIBE_COOPERATIVE_EVENT, 'voskhod')).toEqual({
      ok: true,
    });
    expect(await outsider.socket.emitWithAck(SUBSCRIBE_COOPERATIVE_EVENT, 'voskhod')).toEqual({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await outsider.socket.emitWithAck(SUBSCRIBE_COOPERATIVE_EVENT, 'NOT A NAME')).toEqual({
      ok: false,
      code: 'VALIDATION_FAILED',
    });

    const late = await confirmedMember(
      server,
      voskhod,
      'voskhod',
      'late@stats.example',
      'statslatezzz',
    );
    await shareAndRead(server, voskhod, late.token, 'voskhod');
    const revoked = await call(server, 'DELETE', '/access/voskhod', bearer(sharers[0]!));
    expect(revoked.status).toBe(204);
    await until(() => heard.staff.length === 3);
    expect(heard.staff).toEqual([
      { coopname: 'voskhod', kind: 'consent' },
      { coopname: 'voskhod', kind: 'read' },
      { coopname: 'voskhod', kind: 'revoke' },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard.outsider).toEqual([]);

    const stats = await statsOf(`from=${today}&to=${today}&tz=UTC`);
    expect(stats.totals).toEqual({ active_grants: 2, revocations: 1 });
    // The consent it ended still happened that day.
    expect(stats.days[0]).toMatchObject({ consents: 3, revocations: 1 });
    closeTabs();
  });

  it('records a connect visit with nothing of the visitor, on the cooperative’s own chains', async () => {
    const { rows } = (await server.app.get<Database>(DATABASE).primary.execute(sql`
      select subject_id, data, ip_sealed from audit_events
      where type = 'connect.opened' and data ->> 'coopname' = 'zarya'`)) as unknown as {
      rows: { subject_id: string; data: Record<string, unknown>; ip_sealed: string | null }[];
    };
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!.data).sort()).toEqual(['coopname', 'mode', 'visit_id']);
    expect(rows[0]!.ip_sealed).toBeNull();
    const visitId = String(rows[0]!.data['visit_id']);
    expect(rows[0]!.subject_id).toBe(cooperativeSubject('zarya', visitId));
    expect(cooperativeSubject('zarya', visitId)).not.toBe(cooperativeSubject('voskhod', visitId));
  });

  it('puts each event on its day in the requested time zone', async () => {
    const moscow = await statsOf('from=2026-03-10&to=2026-03-11&tz=Europe/Moscow');
    expect(moscow.days.map((day) => [day.date, day.connect_opened])).toEqual([
      ['2026-03-10', 1],
      ['2026-03-11', 1],
    ]);
    const utc = await statsOf('from=2026-03-10&to=2026-03-11&tz=UTC');
    expect(utc.days.map((day) => [day.date, day.connect_opened])).toEqual([
      ['2026-03-10', 2],
      ['2026-03-11', 0],
    ]);
    // The funnel and the totals count the range only.
    expect(utc.funnel.connect_opened).toBe(2);
    expect(utc.funnel.consent_given).toBe(0);
    expect(utc.totals.revocations).toBe(0);
  });

  it('refuses a reversed, too long or badly zoned range (422, never 500)', async () => {
    for (const query of [
      'from=2026-03-11&to=2026-03-10&tz=UTC',
      'from=2025-01-01&to=2026-03-10&tz=UTC',
      'from=2026-03-10&to=2026-03-11&tz=Mars/Olympus',
      'from=10.03.2026&to=2026-03-11',
    ]) {
      const response = await call(server, 'GET', statsPath(query), bearer(tokens.owner));
      expect(response.status, query).toBe(422);
      expect(errorBodySchema.parse(response.body).code).toBe('VALIDATION_FAILED');
    }
    // A leap year's 366 days are allowed.
    expect((await statsOf('from=2024-01-01&to=2024-12-31&tz=UTC')).days).toHaveLength(366);
  });

  it('exports the days as CSV with headers in the reader’s language', async () => {
    const csv = async (language: string) => {
      const response = await fetch(
        `${server.url}/api/v1${statsPath('from=2026-03-10&to=2026-03-11&tz=Europe/Moscow').replace('/stats?', '/stats.csv?')}`,
        { headers: { authorization: bearer(tokens.viewer), 'accept-language': language } },
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      // A byte order mark first, for Excel (response.text() would drop it: read the bytes).
      const bytes = Buffer.from(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      return bytes.subarray(3).toString('utf8');
    };
    const russian = await csv('ru-RU,ru;q=0.9');
    expect(russian.split('\r\n')).toEqual([
      'Дата,Открытия подключения,Регистрации,Входы,Согласия,Отказы,Отзывы,Обмены билетов,Чтения данных,Подтверждения членства',
      '2026-03-10,1,0,0,0,0,0,0,0,0',
      '2026-03-11,1,0,0,0,0,0,0,0,0',
      '',
    ]);
    expect((await csv('en')).split('\r\n')[0]).toBe(
      'Date,Connect opened,Registrations,Sign-ins,Consents,Refusals,Revocations,Tickets exchanged,Data reads,Membership confirmations',
    );
  });

  it('lets the staff see them: viewer yes; a member without a role or another cooperative’s owner, no', async () => {
    await statsOf(`from=${today}&to=${today}&tz=UTC`, tokens.viewer);
    for (const token of [tokens.outsider, tokens.otherOwner]) {
      const response = await call(
        server,
        'GET',
        statsPath(`from=${today}&to=${today}`),
        bearer(token),
      );
      expect(response.status).toBe(403);
      const csv = await fetch(
        `${server.url}/api/v1/business/cooperatives/voskhod/stats.csv?from=${today}&to=${today}`,
        { headers: { authorization: bearer(token) } },
      );
      expect(csv.status).toBe(403);
    }
    const anonymous = await fetch(`${server.url}/api/v1${statsPath(`from=${today}&to=${today}`)}`);
    expect(anonymous.status).toBe(401);
    // The other cooperative's owner sees its own: one visit, nothing of voskhod's.
    const zarya = await call(
      server,
      'GET',
      statsPath(`from=${today}&to=${today}&tz=UTC`, 'zarya'),
      bearer(tokens.otherOwner),
    );
    expect(businessStatsSchema.parse(zarya.body).funnel).toMatchObject({
      connect_opened: 1,
      signed_in: 0,
    });
  });

  it('reads the audit log through its cooperative index, never a sequential scan', async () => {
    const repository = server.app.get(BusinessStatsRepository);
    const database = server.app.get<Database>(DATABASE);
    const span = { from: '2026-01-01', to: '2026-12-31', tz: 'Europe/Moscow' };
    for (const query of [
      repository.perDayQuery('voskhod', span),
      repository.funnelQuery('voskhod', span),
    ]) {
      const plan = await planOf(database, query);
      expect(plan).not.toMatch(/Seq Scan on audit_events/);
      expect(plan).toMatch(/audit_events_coop_type_at_idx/);
    }
  });
});
