import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privacyPolicySchema } from '@cardcoop/contracts';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { AuditCheckpointService } from '../../src/modules/audit/audit-checkpoint.service.js';
import { auditEvents } from '../../src/db/schema/index.js';
import { eventHashV1, GENESIS } from '../../src/modules/audit/audit-hash.js';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import {
  initiateLogin,
  loginRaw,
  mailsTo,
  POLICY_VERSION,
  registerRaw,
} from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

let server: TestApp;
beforeAll(async () => {
  server = await startTestApp();
});
afterAll(() => server.close());

describe('privacy policy', () => {
  it('serves the current version in Russian and English', async () => {
    const policy = privacyPolicySchema.parse(
      await (await fetch(`${server.url}/api/v1/privacy-policy`)).json(),
    );
    expect(policy.version).toBe(POLICY_VERSION);
    expect(policy.documents.ru.body).toMatch(/[а-яё]/i);
    expect(policy.documents.en.body).not.toMatch(/[а-яё]/i);
  });

  it('records consent with its version and a sealed address', async () => {
    const { userId } = await registerRaw(server.url, 'consent@coop.example', 'consent password');
    const result = (await server.app
      .get<Database>(DATABASE)
      .primary.execute(
        sql`select policy_version, ip_sealed from privacy_consents where user_id = ${userId}`,
      )) as unknown as {
      rows: { policy_version: string; ip_sealed: string }[];
    };
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]!.policy_version).toBe(POLICY_VERSION);
    expect(result.rows[0]!.ip_sealed).toMatch(/^x1\./);
  });
});

describe('audit log', () => {
  it("shows a member their own events and no one else's, on an intact chain", async () => {
    const email = 'audited@coop.example';
    const { userId } = await registerRaw(server.url, email, 'audited password');
    await loginRaw(server.url, email, 'wrong password');
    const { json } = await loginRaw(server.url, email, 'audited password');
    const other = await registerRaw(server.url, 'other-audited@coop.example', 'other password');

    const response = await fetch(`${server.url}/api/v1/audit`, {
      headers: { authorization: `Bearer ${json.access_token}` },
    });
    const { events } = (await response.json()) as { events: { seq: number; type: string }[] };
    expect(events.map((e) => e.type)).toEqual([
      'login.succeeded',
      'login.failed',
      'account.registered',
    ]);
    expect(events.map((e) => e.seq)).toEqual([3, 2, 1]);

    const audit = server.app.get(AuditService);
    expect(await audit.verifyChain(userId)).toBe(true);
    expect(await audit.verifyChain(other.userId)).toBe(true);
    await server.app
      .get<Database>(DATABASE)
      .primary.execute(
        sql`update audit_events set data = '{"locked": true}' where subject_id = ${userId} and seq = 2`,
      );
    expect(await audit.verifyChain(userId)).toBe(false);
    expect(await audit.verifyChain(other.userId)).toBe(true);
  });
});

describe('audit chains', () => {
  it('number concurrent events without gaps and verify across both hash versions', async () => {
    const subject = randomUUID();
    const audit = server.app.get(AuditService);
    const database = server.app.get<Database>(DATABASE).primary;
    // An event as the server hashed it before the database did (hash version 1).
    const legacy = {
      subjectId: subject,
      seq: 1,
      type: 'legacy.event',
      at: new Date('2026-11-01T00:00:00.000Z'),
      data: { n: 1 },
    };
    await database
      .insert(auditEvents)
      .values({ ...legacy, prevHash: GENESIS, hash: eventHashV1(GENESIS, legacy) });

    await Promise.all(
      Array.from({ length: 20 }, (_, i) => audit.record(subject, 'concurrent.event', { i })),
    );
    const { events } = await audit.page(subject, {});
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 21 }, (_, i) => 21 - i));
    expect(new Set(events.map((event) => event.data.i)).size).toBe(21);
    expect(await audit.verifyChain(subject)).toBe(true);

    await database.execute(
      sql`update audit_events set data = '{"n": 2}' where subject_id = ${subject} and seq = 1`,
    );
    expect(await audit.verifyChain(subject)).toBe(false);
  });
});

describe('signed audit checkpoints', () => {
  it('commit to every chain head, so even a truncated but consistent chain is detected', async () => {
    const { userId } = await registerRaw(
      server.url,
      'checkpointed@coop.example',
      'checkpoint password',
    );
    await loginRaw(server.url, 'checkpointed@coop.example', 'checkpoint password');
    const checkpoints = server.app.get(AuditCheckpointService);
    const checkpoint = await checkpoints.checkpoint();
    expect(checkpoint).toBeDefined();
    expect(checkpoint!.signature.split('.')).toHaveLength(3);
    expect(await checkpoints.verify(checkpoint!)).toBe(true);
    expect(await checkpoints.checkpoint()).toBeUndefined();

    // Dropping the latest event leaves a chain that verifies on its own, but not against the checkpoint.
    const database = server.app.get<Database>(DATABASE).primary;
    await database.execute(
      sql`delete from audit_events where subject_id = ${userId} and seq = (select max(seq) from audit_events where subject_id = ${userId})`,
    );
    expect(await server.app.get(AuditService).verifyChain(userId)).toBe(true);
    expect(await checkpoints.verify(checkpoint!)).toBe(false);
    expect(
      await checkpoints.verify({
        ...checkpoint!,
        signature: checkpoint!.signature.slice(0, -3) + 'AAA',
      }),
    ).toBe(false);
  });
});

describe('progressive lockout', () => {
  it('locks an address after 5 wrong passwords with Retry-After, and the lock names no account', async () => {
    const email = 'locked@coop.example';
    await registerRaw(server.url, email, 'the right password');
    for (let i = 0; i < 5; i += 1) {
      expect((await loginRaw(server.url, email, `wrong ${i}`)).response.status).toBe(401);
    }
    const { response } = await initiateLogin(server.url, email, 'the right password');
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    const notice = (await mailsTo(server.url, email)).filter((m) =>
      /временно заблокирован/.test(m.subject),
    );
    expect(notice).toHaveLength(1);
    expect(notice[0]!.text).toContain('1 мин');

    // An unknown address is locked the same way: a lock does not reveal an account.
    const ghost = 'ghost-locked@coop.example';
    for (let i = 0; i < 5; i += 1) await loginRaw(server.url, ghost, `guess ${i}`);
    expect((await initiateLogin(server.url, ghost, 'x')).response.status).toBe(429);
  });

  it('counts guesses that never send the second round (a client sees a wrong password itself)', async () => {
    const email = 'silent.guesses@coop.example';
    await registerRaw(server.url, email, 'the right password');
    // A successful login in between clears the count.
    for (let i = 0; i < 4; i += 1) await initiateLogin(server.url, email, `guess ${i}`);
    expect((await loginRaw(server.url, email, 'the right password')).response.status).toBe(200);
    for (let i = 0; i < 5; i += 1) {
      expect((await initiateLogin(server.url, email, `guess ${i}`)).response.status).toBe(200);
    }
    expect((await initiateLogin(server.url, email, 'the right password')).response.status).toBe(
      429,
    );
    expect(
      (await mailsTo(server.url, email)).filter((m) => /временно заблокирован/.test(m.subject)),
    ).toHaveLength(1);
  });
});
