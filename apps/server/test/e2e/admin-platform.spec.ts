import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as opaque from '@serenity-kit/opaque';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminAuditPageSchema,
  adminUserSchema,
  auditVerificationSchema,
  maintenanceAnnouncementSchema,
  maintenanceListSchema,
  memberExportSchema,
  pendingDeletionListSchema,
  platformHealthSchema,
  platformStaffListSchema,
} from '@cardcoop/contracts';
import { parseConfig } from '../../src/config/config.schema.js';
import { ServerCrypto } from '../../src/infra/crypto/server-crypto.js';
import { secretsToEnv } from '../../src/infra/secrets/secrets.js';
import { bootstrapPlatformAdmin } from '../../src/modules/admin/platform-admin-bootstrap.js';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { AuditCheckpointService } from '../../src/modules/audit/audit-checkpoint.service.js';
import { PLATFORM_AUDIT_SUBJECT } from '../../src/modules/admin/admin-events.js';
import { AdminUsersRepository } from '../../src/modules/admin/admin-users.repository.js';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import { registerCooperative } from '../support/coop-fixture.js';
import { PLATFORM_FIXTURE_ENV, platformMember } from '../support/platform-fixture.js';
import type { PlatformFixtureMember } from '../support/platform-fixture.js';
import {
  fakeEnvelope,
  latestCode,
  loginRaw,
  newRecoveryProof,
  post,
  registerRaw,
  TEST_KSF,
} from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A call of the API as `as` (a member's token, `automation` for the admin key, or nobody). */
async function api(
  server: TestApp,
  method: Method,
  path: string,
  as: PlatformFixtureMember | 'automation' | null,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const token = as === 'automation' ? server.secrets.adminApiKey : as?.token;
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & { code?: string },
  };
}

const db = (server: TestApp) => server.app.get<Database>(DATABASE).primary;
const rows = async <T>(server: TestApp, query: ReturnType<typeof sql>) =>
  ((await db(server).execute(query)) as unknown as { rows: T[] }).rows;

/** The member's sessions neither revoked nor expired. */
const liveSessions = async (userId: string) =>
  (
    await rows<{ n: number }>(
      server,
      sql`select count(*)::int as n from sessions where user_id = ${userId} and revoked_at is null and expires_at > now()`,
    )
  )[0]!.n;
/** The data of the member's `session.ended_by_admin` audit events, oldest first. */
const endedEvents = async (userId: string) =>
  (
    await rows<{ data: unknown }>(
      server,
      sql`select data from audit_events where subject_id = ${userId} and type = 'session.ended_by_admin' order by seq`,
    )
  ).map((row) => row.data);

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

let server: TestApp;
let admin: PlatformFixtureMember;
let reviewer: PlatformFixtureMember;
let nobody: PlatformFixtureMember;

beforeAll(async () => {
  server = await startTestApp({ env: PLATFORM_FIXTURE_ENV });
  admin = await platformMember(server, 'platform_admin', { steppedUp: true });
  reviewer = await platformMember(server, 'operator_reviewer', { steppedUp: true });
  nobody = await platformMember(server, null, { steppedUp: true });
});
afterAll(() => server.close());

describe('platform staff', () => {
  it('lists the staff to a platform admin and the admin key, not to a reviewer or a member', async () => {
    for (const caller of [admin, 'automation'] as const) {
      const listed = await api(server, 'GET', '/admin/staff', caller);
      expect(listed.status).toBe(200);
      const { staff } = platformStaffListSchema.parse(listed.body);
      expect(staff).toContainEqual(
        expect.objectContaining({ user_id: admin.userId, role: 'platform_admin' }),
      );
    }
    expect((await api(server, 'GET', '/admin/staff', reviewer)).status).toBe(403);
    expect((await api(server, 'GET', '/admin/staff', nobody)).status).toBe(403);
    expect((await api(server, 'GET', '/admin/staff', null)).status).toBe(401);
  });

  it('gives and takes a role with step-up, audited on the member’s chain with the admin as actor', async () => {
    const member = await platformMember(server, null);
    const stale = await platformMember(server, 'platform_admin');
    const refused = await api(server, 'PUT', `/admin/staff/${member.userId}`, stale, {
      role: 'operator_reviewer',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('STEP_UP_REQUIRED');

    const given = await api(server, 'PUT', `/admin/staff/${member.userId}`, admin, {
      role: 'operator_reviewer',
    });
    expect(given.status).toBe(204);
    const events = await api(
      server,
      'GET',
      `/admin/users/${member.userId}/audit?type=platform_role.set`,
      admin,
    );
    expect(adminAuditPageSchema.parse(events.body).events[0]?.data).toEqual({
      role: 'operator_reviewer',
      actor: admin.userId,
    });
    expect(
      (await api(server, 'DELETE', `/admin/staff/${member.userId}`, 'automation')).status,
    ).toBe(204);
    const removed = await api(
      server,
      'GET',
      `/admin/users/${member.userId}/audit?type=platform_role.removed`,
      admin,
    );
    expect(adminAuditPageSchema.parse(removed.body).events[0]?.data).toEqual({
      actor: 'automation',
    });
    expect((await api(server, 'DELETE', `/admin/staff/${member.userId}`, admin)).status).toBe(404);
    const unknown = '00000000-0000-4000-8000-000000000001';
    expect(
      (await api(server, 'PUT', `/admin/staff/${unknown}`, admin, { role: 'platform_admin' }))
        .status,
    ).toBe(404);
    expect(
      (await api(server, 'PUT', `/admin/staff/${member.userId}`, admin, { role: 'owner' })).status,
    ).toBe(422);
  });

  it('never removes or demotes the last platform admin, and lets them go once another exists', async () => {
    const other = await startTestApp({ env: PLATFORM_FIXTURE_ENV });
    try {
      const only = await platformMember(other, 'platform_admin', { steppedUp: true });
      for (const attempt of [
        () => api(other, 'DELETE', `/admin/staff/${only.userId}`, only),
        () => api(other, 'PUT', `/admin/staff/${only.userId}`, only, { role: 'operator_reviewer' }),
        () => api(other, 'DELETE', `/admin/staff/${only.userId}`, 'automation'),
      ]) {
        const response = await attempt();
        expect(response.status).toBe(409);
        expect(response.body.code).toBe('LAST_PLATFORM_ADMIN');
      }
      const second = await platformMember(other, null);
      expect(
        (await api(other, 'PUT', `/admin/staff/${second.userId}`, only, { role: 'platform_admin' }))
          .status,
      ).toBe(204);
      // Both at once: exactly one of them may leave.
      const [a, b] = await Promise.all([
        api(other, 'DELETE', `/admin/staff/${only.userId}`, 'automation'),
        api(other, 'DELETE', `/admin/staff/${second.userId}`, 'automation'),
      ]);
      expect([a.status, b.status].sort()).toEqual([204, 409]);
      const admins = await rows<{ n: number }>(
        other,
        sql`select count(*)::int as n from platform_staff where role = 'platform_admin'`,
      );
      expect(admins[0]?.n).toBe(1);
    } finally {
      await other.close();
    }
  });
});

describe('npm run coop -- platform-admin', () => {
  const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/coop-cli.js');
  /**
   * The built CLI on PostgreSQL; on PGlite (one process owns the database) the function the CLI
   * runs, in this process. Its printed output either way.
   */
  const run = async (email: string): Promise<{ stdout: string }> => {
    if (!server.databaseUrl) {
      const crypto = new ServerCrypto(server.secrets.masterKeys);
      const database = server.app.get<Database>(DATABASE);
      return { stdout: JSON.stringify(await bootstrapPlatformAdmin(database, crypto, email)) };
    }
    return promisify(execFile)(process.execPath, [cli, 'platform-admin', email], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: server.databaseUrl,
        ...secretsToEnv(server.secrets),
      },
    });
  };

  it('makes the member with this e-mail a platform admin, printing no address', async () => {
    const member = await platformMember(server, null);
    const { stdout } = await run(member.email.toUpperCase());
    expect(JSON.parse(stdout)).toEqual({
      user_id: member.userId,
      role: 'platform_admin',
      outcome: 'created',
    });
    expect(stdout).not.toContain(member.email);
    expect((await api(server, 'GET', '/admin/staff', member)).status).toBe(200);
    const audit = await api(
      server,
      'GET',
      `/admin/users/${member.userId}/audit?type=platform_role.set`,
      admin,
    );
    expect(adminAuditPageSchema.parse(audit.body).events[0]?.data).toEqual({
      role: 'platform_admin',
      actor: 'cli',
    });
    await expect(run('nobody@coop.example')).rejects.toThrow(/no member has this e-mail/);
  });
});

describe('members', () => {
  it('finds a member by the exact e-mail only, with metadata and no address', async () => {
    const member = await platformMember(server, null);
    const found = await api(
      server,
      'GET',
      `/admin/users?email=${encodeURIComponent(member.email.toUpperCase())}`,
      admin,
    );
    expect(found.status).toBe(200);
    const user = adminUserSchema.parse(found.body);
    expect(user).toMatchObject({
      user_id: member.userId,
      status: 'active',
      totp_enabled: false,
      sessions: 1,
    });
    expect(user.last_sign_in_at).not.toBeNull();
    expect(found.text).not.toContain(member.email);
    const partial = member.email.slice(0, 8);
    expect((await api(server, 'GET', `/admin/users?email=${partial}`, admin)).status).toBe(422);
    expect((await api(server, 'GET', '/admin/users?email=nobody@coop.example', admin)).status).toBe(
      404,
    );
    expect((await api(server, 'GET', '/admin/users', admin)).status).toBe(422);
    expect((await api(server, 'GET', `/admin/users?email=${member.email}`, nobody)).status).toBe(
      403,
    );
  });

  it('locks: sessions end, the right password learns it is locked, a wrong one learns nothing; unlock restores', async () => {
    const member = await platformMember(server, null);
    const locked = await api(server, 'POST', `/admin/users/${member.userId}/lock`, admin, {
      reason: 'fraud report 17',
    });
    expect(locked.status).toBe(200);
    expect(adminUserSchema.parse(locked.body)).toMatchObject({ status: 'locked', sessions: 0 });
    expect((await api(server, 'GET', '/sessions', member as PlatformFixtureMember)).status).toBe(
      401,
    );
    expect(
      (await api(server, 'POST', `/admin/users/${member.userId}/lock`, admin, { reason: 'again' }))
        .status,
    ).toBe(409);
    expect(
      (await api(server, 'POST', `/admin/users/${member.userId}/lock`, admin, {})).status,
    ).toBe(422);

    const right = await loginRaw(server.url, member.email, member.password);
    expect(right.response.status).toBe(403);
    expect(right.json.code).toBe('ACCOUNT_LOCKED');
    const wrong = await loginRaw(server.url, member.email, 'not the password');
    expect(wrong.response.status).toBe(401);
    expect(wrong.json.code).toBe('INVALID_CREDENTIALS');

    const unlocked = await api(
      server,
      'POST',
      `/admin/users/${member.userId}/unlock`,
      'automation',
    );
    expect(adminUserSchema.parse(unlocked.body).status).toBe('active');
    expect((await api(server, 'POST', `/admin/users/${member.userId}/unlock`, admin)).status).toBe(
      409,
    );
    expect((await loginRaw(server.url, member.email, member.password)).response.status).toBe(200);

    const audit = adminAuditPageSchema.parse(
      (await api(server, 'GET', `/admin/users/${member.userId}/audit`, admin)).body,
    );
    const types = audit.events.map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['account.locked', 'account.unlocked']));
    expect(audit.events.find((event) => event.type === 'account.locked')?.data).toEqual({
      reason: 'fraud report 17',
      actor: admin.userId,
    });
    expect(audit.events.find((event) => event.type === 'account.unlocked')?.data).toEqual({
      actor: 'automation',
    });
  });

  it('a locked member cannot get around the lock with the Recovery Kit', async () => {
    const email = `locked.recovery.${Date.now()}@coop.example`;
    const headers = { 'x-forwarded-for': '10.200.0.1' };
    const registered = await registerRaw(server.url, email, 'locked password', headers);
    await api(server, 'POST', `/admin/users/${registered.userId}/lock`, admin, { reason: 'test' });
    await post(server.url, '/api/v1/auth/recovery/initiate', { email }, undefined, headers);
    const registration = opaque.client.startRegistration({ password: 'new password' });
    const verify = await post(
      server.url,
      '/api/v1/auth/recovery/verify',
      {
        email,
        code: await latestCode(server.url, email),
        recovery_proof: registered.recoveryProof,
        registration_request: registration.registrationRequest,
      },
      undefined,
      headers,
    );
    const verified = (await verify.json()) as {
      recovery_id: string;
      registration_response: string;
    };
    const { registrationRecord } = opaque.client.finishRegistration({
      password: 'new password',
      clientRegistrationState: registration.clientRegistrationState,
      registrationResponse: verified.registration_response,
      keyStretching: TEST_KSF,
    });
    const complete = await post(
      server.url,
      '/api/v1/auth/recovery/complete',
      {
        recovery_id: verified.recovery_id,
        registration_record: registrationRecord,
        ksf: TEST_KSF,
        wrapped_user_key: fakeEnvelope('after-recovery'),
        recovery: { wrapped_user_key: fakeEnvelope('kit'), auth_hash: newRecoveryProof().authHash },
      },
      undefined,
      headers,
    );
    expect(complete.status).toBe(403);
    expect(((await complete.json()) as { code: string }).code).toBe('ACCOUNT_LOCKED');
    // The old password is still the one: nothing was replaced.
    const login = await loginRaw(server.url, email, 'locked password');
    expect(login.json.code).toBe('ACCOUNT_LOCKED');
  });

  it('ends every session of a member and refuses unknown members', async () => {
    const member = await platformMember(server, null);
    const ended = await api(server, 'POST', `/admin/users/${member.userId}/end-sessions`, admin);
    expect(ended.body).toEqual({ ended: 1 });
    expect((await api(server, 'GET', '/sessions', member)).status).toBe(401);
    // Exactly one audit event, committed with the change it records.
    expect(await endedEvents(member.userId)).toEqual([{ count: 1, actor: admin.userId }]);
    expect(await liveSessions(member.userId)).toBe(0);
    const unknown = '00000000-0000-4000-8000-000000000002';
    expect((await api(server, 'POST', `/admin/users/${unknown}/end-sessions`, admin)).status).toBe(
      404,
    );
    expect(
      (await api(server, 'POST', `/admin/users/${unknown}/lock`, admin, { reason: 'x' })).status,
    ).toBe(404);
    expect((await api(server, 'POST', `/admin/users/not-a-uuid/unlock`, admin)).status).not.toBe(
      200,
    );
    expect(
      (await api(server, 'POST', `/admin/users/${member.userId}/end-sessions`, reviewer)).status,
    ).toBe(403);
  });

  it('ends sessions and writes their audit event in one transaction: a failure leaves neither', async () => {
    const member = await platformMember(server, null);
    expect(await liveSessions(member.userId)).toBe(1);
    const users = server.app.get(AdminUsersRepository);
    const audit = server.app.get(AuditService);
    // The event is made after the sessions were revoked, in the same transaction: failing
    // there rolls the revocation back.
    await expect(
      users.endSessions(member.userId, 'ended_by_admin', () => {
        throw new Error('forced failure');
      }),
    ).rejects.toThrow('forced failure');
    expect(await liveSessions(member.userId)).toBe(1);
    expect(await endedEvents(member.userId)).toEqual([]);
    expect((await api(server, 'GET', '/sessions', member)).status).toBe(200);
    // The same call that succeeds ends the session and records how many it ended.
    const ended = await users.endSessions(member.userId, 'ended_by_admin', (count) =>
      audit.eventFor(member.userId, 'session.ended_by_admin', { count, actor: 'automation' }),
    );
    expect(ended).toHaveLength(1);
    expect(await liveSessions(member.userId)).toBe(0);
    expect(await endedEvents(member.userId)).toEqual([{ count: 1, actor: 'automation' }]);
    // An unknown member: nothing ended, nothing recorded.
    const unknown = '00000000-0000-4000-8000-000000000003';
    expect(
      await users.endSessions(unknown, 'ended_by_admin', (count) =>
        audit.eventFor(unknown, 'session.ended_by_admin', { count }),
      ),
    ).toBeUndefined();
    expect(await endedEvents(unknown)).toEqual([]);
  });

  it('locks with its audit event and the end of the sessions in one transaction', async () => {
    const member = await platformMember(server, null);
    const locked = await api(server, 'POST', `/admin/users/${member.userId}/lock`, admin, {
      reason: 'one transaction',
    });
    expect(locked.status).toBe(200);
    const revoked = await rows<{ reason: string }>(
      server,
      sql`select revoked_reason as reason from sessions where user_id = ${member.userId}`,
    );
    expect(revoked).toEqual([{ reason: 'locked' }]);
    const events = await rows<{ type: string }>(
      server,
      sql`select type from audit_events where subject_id = ${member.userId} and type in ('account.locked', 'account.unlocked') order by seq`,
    );
    expect(events.map((event) => event.type)).toEqual(['account.locked']);
    // Locking again changes nothing and records nothing.
    expect(
      (await api(server, 'POST', `/admin/users/${member.userId}/lock`, admin, { reason: 'again' }))
        .status,
    ).toBe(409);
    expect(
      await rows(
        server,
        sql`select 1 from audit_events where subject_id = ${member.userId} and type = 'account.locked'`,
      ),
    ).toHaveLength(1);
  });

  it('exports a member’s records as an attachment, after step-up, without keys, hashes or ciphertext', async () => {
    const member = await platformMember(server, null);
    const stale = await platformMember(server, 'platform_admin');
    const refused = await api(server, 'GET', `/admin/users/${member.userId}/export`, stale);
    expect(refused.body.code).toBe('STEP_UP_REQUIRED');
    const exported = await api(server, 'GET', `/admin/users/${member.userId}/export`, admin);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(
      /^attachment; filename=".+\.json"$/,
    );
    const records = memberExportSchema.parse(exported.body);
    expect(records.account.user_id).toBe(member.userId);
    expect(records.sessions).toHaveLength(1);
    expect(records.consents).toHaveLength(1);
    expect(records.audit_events.map((event) => event.type)).toContain('account.registered');
    const [user] = await rows<Record<string, unknown>>(
      server,
      sql`select email_lookup, email_sealed, opaque_record, recovery_auth_hash, wrapped_user_key::text as wrapped from users where id = ${member.userId}`,
    );
    for (const secret of Object.values(user!))
      expect(exported.text).not.toContain(String(secret).slice(0, 40));
    expect(exported.text).not.toMatch(
      /"(hash|prev_hash|ip_sealed|envelope|email_sealed|opaque_record)"/,
    );
    const audit = await api(
      server,
      'GET',
      `/admin/users/${member.userId}/audit?type=account.exported`,
      admin,
    );
    expect(adminAuditPageSchema.parse(audit.body).events).toHaveLength(1);
  });
});

describe('deletion requests', () => {
  it('lists pending deletions and carries one out now, after step-up', async () => {
    const member = await platformMember(server, null);
    await db(server).execute(
      sql`update users set deletion_due_at = now() + interval '72 hours' where id = ${member.userId}`,
    );
    const listed = pendingDeletionListSchema.parse(
      (await api(server, 'GET', '/admin/deletions', admin)).body,
    );
    expect(listed.deletions.map((entry) => entry.user_id)).toContain(member.userId);
    const found = await api(server, 'GET', `/admin/users/${member.userId}`, admin);
    expect(adminUserSchema.parse(found.body).status).toBe('deletion_pending');

    const stale = await platformMember(server, 'platform_admin');
    const refused = await api(server, 'POST', `/admin/deletions/${member.userId}/complete`, stale);
    expect(refused.body.code).toBe('STEP_UP_REQUIRED');
    const done = await api(server, 'POST', `/admin/deletions/${member.userId}/complete`, admin);
    expect(done.status).toBe(200);
    expect(done.body.user_id).toBe(member.userId);
    expect((await api(server, 'GET', `/admin/users/${member.userId}`, admin)).status).toBe(404);
    const chain = await rows<{ type: string; data: Record<string, unknown> }>(
      server,
      sql`select type, data from audit_events where subject_id = ${member.userId} order by seq`,
    );
    expect(chain.map((event) => event.type).slice(-2)).toEqual([
      'deletion.completed_by_admin',
      'account.deleted',
    ]);
    expect(chain.at(-2)?.data).toEqual({ actor: admin.userId });
    // A member without a pending request is not deleted.
    const other = await platformMember(server, null);
    expect(
      (await api(server, 'POST', `/admin/deletions/${other.userId}/complete`, admin)).status,
    ).toBe(404);
    expect((await api(server, 'GET', `/admin/users/${other.userId}`, admin)).status).toBe(200);
  });
});

describe('audit viewer', () => {
  it('pages the whole log newest first with type and time filters', async () => {
    const first = await api(server, 'GET', '/admin/audit?type=account.registered&limit=2', admin);
    const page = adminAuditPageSchema.parse(first.body);
    expect(page.events).toHaveLength(2);
    expect(page.events.every((event) => event.type === 'account.registered')).toBe(true);
    expect(page.events[0]!.id).toBeGreaterThan(page.events[1]!.id);
    const next = adminAuditPageSchema.parse(
      (
        await api(
          server,
          'GET',
          `/admin/audit?type=account.registered&limit=2&cursor=${page.next_cursor}`,
          admin,
        )
      ).body,
    );
    expect(next.events[0]!.id).toBeLessThan(page.events[1]!.id);
    const future = adminAuditPageSchema.parse(
      (await api(server, 'GET', `/admin/audit?from=${encodeURIComponent(inHours(1))}`, admin)).body,
    );
    expect(future).toEqual({ events: [], next_cursor: null });
    expect((await api(server, 'GET', '/admin/audit?cursor=abc', admin)).status).toBe(422);
    expect((await api(server, 'GET', '/admin/audit', reviewer)).status).toBe(403);
  });

  it('verifies the chains and checkpoints, and names the first event and checkpoint tampered with in SQL', async () => {
    const other = await startTestApp({ env: PLATFORM_FIXTURE_ENV });
    try {
      const only = await platformMember(other, 'platform_admin');
      const victim = await platformMember(other, null);
      await other.app.get(AuditCheckpointService).checkpoint();
      const clean = auditVerificationSchema.parse(
        (await api(other, 'POST', '/admin/audit/verify', only)).body,
      );
      expect(clean).toMatchObject({
        ok: true,
        first_broken_id: null,
        first_broken_checkpoint_id: null,
      });
      expect(clean.checked).toBeGreaterThan(0);
      expect(clean.checkpoints_checked).toBe(1);

      const [target] = await rows<{ id: number }>(
        other,
        sql`select id from audit_events where subject_id = ${victim.userId} order by seq limit 1`,
      );
      await db(other).execute(
        sql`update audit_events set data = '{"forged": true}'::jsonb where id = ${target!.id}`,
      );
      const edited = auditVerificationSchema.parse(
        (await api(other, 'POST', '/admin/audit/verify', only)).body,
      );
      expect(edited).toMatchObject({
        ok: false,
        first_broken_id: Number(target!.id),
        first_broken_checkpoint_id: null,
      });

      // A rewritten head (hash recomputed by a forger) no longer matches the signed checkpoint.
      await db(other).execute(
        sql`update audit_events set hash = repeat('f', 64) where id = (select max(id) from audit_events where subject_id = ${only.userId})`,
      );
      const rewritten = auditVerificationSchema.parse(
        (await api(other, 'POST', '/admin/audit/verify', only)).body,
      );
      expect(rewritten.ok).toBe(false);
      expect(rewritten.first_broken_checkpoint_id).not.toBeNull();
    } finally {
      await other.close();
    }
  });
});

describe('health', () => {
  it('reports the dependencies, the job queue and the version to platform admins only', async () => {
    const response = await api(server, 'GET', '/admin/health', admin);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const health = platformHealthSchema.parse(response.body);
    expect(health).toMatchObject({
      status: 'ok',
      version: '0.1.0',
      checks: { database: 'up', cache: 'up', mail: 'dev_mailbox' },
    });
    expect(health.jobs.failed).toBe(0);
    expect((await api(server, 'GET', '/admin/health', reviewer)).status).toBe(403);
    expect((await api(server, 'GET', '/admin/health', null)).status).toBe(401);
  });

  it('counts failed jobs and how late the oldest due job is', async () => {
    await db(server).execute(
      sql`insert into jobs (kind, payload_sealed, run_at, failed_at) values ('probe', 'x', now(), now())`,
    );
    await db(server).execute(
      sql`insert into jobs (kind, payload_sealed, run_at) values ('no-handler-probe', 'x', now() - interval '10 minutes')`,
    );
    const health = platformHealthSchema.parse(
      (await api(server, 'GET', '/admin/health', 'automation')).body,
    );
    expect(health.jobs.failed).toBeGreaterThanOrEqual(1);
    expect(health.jobs.pending).toBeGreaterThanOrEqual(1);
  });
});

describe('planned maintenance', () => {
  it('is announced by platform admins and listed publicly while it has not ended', async () => {
    const body = {
      starts_at: inHours(24),
      ends_at: inHours(26),
      message_ru: 'Обновление базы данных',
      message_en: 'Database upgrade',
    };
    expect((await api(server, 'POST', '/admin/maintenance', reviewer, body)).status).toBe(403);
    expect((await api(server, 'POST', '/admin/maintenance', nobody, body)).status).toBe(403);
    const backwards = await api(server, 'POST', '/admin/maintenance', admin, {
      ...body,
      ends_at: inHours(23),
    });
    expect(backwards.status).toBe(422);
    const created = await api(server, 'POST', '/admin/maintenance', admin, body);
    expect(created.status).toBe(201);
    const announcement = maintenanceAnnouncementSchema.parse(created.body);
    const past = await api(server, 'POST', '/admin/maintenance', 'automation', {
      ...body,
      starts_at: inHours(-3),
      ends_at: inHours(-1),
    });
    expect(past.status).toBe(201);

    const listed = await fetch(`${server.url}/api/v1/maintenance`);
    expect(listed.headers.get('cache-control')).toBe('public, max-age=60');
    const { announcements } = maintenanceListSchema.parse(await listed.json());
    expect(announcements.map((entry) => entry.id)).toEqual([announcement.id]);

    const moved = await api(server, 'PATCH', `/admin/maintenance/${announcement.id}`, admin, {
      ends_at: inHours(27),
      message_en: 'Database upgrade (longer)',
    });
    expect(maintenanceAnnouncementSchema.parse(moved.body)).toMatchObject({
      message_en: 'Database upgrade (longer)',
      message_ru: body.message_ru,
    });
    const inverted = await api(server, 'PATCH', `/admin/maintenance/${announcement.id}`, admin, {
      starts_at: inHours(30),
    });
    expect(inverted.status).toBe(422);

    expect(
      (await api(server, 'DELETE', `/admin/maintenance/${announcement.id}`, admin)).status,
    ).toBe(204);
    expect(
      (await api(server, 'DELETE', `/admin/maintenance/${announcement.id}`, admin)).status,
    ).toBe(404);
    const after = maintenanceListSchema.parse(
      await (await fetch(`${server.url}/api/v1/maintenance`)).json(),
    );
    expect(after.announcements).toEqual([]);

    const events = adminAuditPageSchema.parse(
      (await api(server, 'GET', `/admin/users/${PLATFORM_AUDIT_SUBJECT}/audit`, admin)).body,
    ).events;
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining([
        'maintenance.announced',
        'maintenance.changed',
        'maintenance.withdrawn',
      ]),
    );
    expect(events.find((event) => event.type === 'maintenance.withdrawn')?.data.actor).toBe(
      admin.userId,
    );
  });
});

describe('cooperatives registry', () => {
  it('is open to a platform admin member as to the admin key, and closed to others', async () => {
    await registerCooperative(server, 'adminplatfrm', 'ПК «Платформа»');
    const listed = await api(server, 'GET', '/admin/cooperatives', admin);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).toContain('adminplatfrm');
    expect((await api(server, 'GET', '/admin/cooperatives', nobody)).status).toBe(403);
    expect((await api(server, 'GET', '/admin/cooperatives', reviewer)).status).toBe(403);
  });
});

describe('ADMIN_ALLOWED_IPS', () => {
  it('refuses the platform’s administration to other client addresses, and nothing else', async () => {
    const limited = await startTestApp({
      env: { ...PLATFORM_FIXTURE_ENV, ADMIN_ALLOWED_IPS: '203.0.113.0/24, 2001:db8::1' },
    });
    try {
      const only = await platformMember(limited, 'platform_admin');
      const from = (address: string) => ({ 'x-forwarded-for': address });
      const outside = await api(
        limited,
        'GET',
        '/admin/health',
        'automation',
        undefined,
        from('198.51.100.7'),
      );
      expect(outside.status).toBe(403);
      expect(outside.body.code).toBe('FORBIDDEN');
      // Refused before any credentials are looked at.
      expect(
        (await api(limited, 'GET', '/admin/health', null, undefined, from('198.51.100.7'))).status,
      ).toBe(403);
      expect(
        (await api(limited, 'GET', '/admin/staff', only, undefined, from('198.51.100.7'))).status,
      ).toBe(403);
      expect((await api(limited, 'GET', '/admin/cooperatives', 'automation')).status).toBe(403);

      expect(
        (await api(limited, 'GET', '/admin/health', 'automation', undefined, from('203.0.113.9')))
          .status,
      ).toBe(200);
      expect(
        (await api(limited, 'GET', '/admin/staff', only, undefined, from('2001:db8::1'))).status,
      ).toBe(200);
      // Members and the public are not affected.
      expect(
        (await api(limited, 'GET', '/sessions', only, undefined, from('198.51.100.7'))).status,
      ).toBe(200);
      expect(
        (await api(limited, 'GET', '/maintenance', null, undefined, from('198.51.100.7'))).status,
      ).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('is checked when the server starts: a typo is a configuration error', () => {
    expect(() => parseConfig({ ADMIN_ALLOWED_IPS: '10.0.0.0/8,not-an-ip' })).toThrow(
      /ADMIN_ALLOWED_IPS/,
    );
    expect(() => parseConfig({ ADMIN_ALLOWED_IPS: '10.0.0.0/33' })).toThrow(/ADMIN_ALLOWED_IPS/);
    expect(parseConfig({ ADMIN_ALLOWED_IPS: '10.0.0.0/8, ::1' }).adminAllowedIps).toEqual([
      '10.0.0.0/8',
      '::1',
    ]);
    expect(parseConfig({}).adminAllowedIps).toBeUndefined();
  });
});
