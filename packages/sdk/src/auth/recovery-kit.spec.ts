import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recoveryKitReissueSchema } from '@cardcoop/contracts';
import { parseRecoveryKey, recoveryProof } from '../crypto/recovery-kit.js';
import { createMemberClient } from '../member/member-client.js';
import type { MemberClient } from '../member/member-client.js';
import {
  enableTotp,
  errorCode,
  mailsTo,
  registeredMember,
  restoreTime,
  startServer,
} from '../testing/member-fixture.js';
import type { Fixture, TestApp } from '../testing/member-fixture.js';

let server: TestApp;
let fixture: Fixture;
let member: MemberClient;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  fixture = await registeredMember(server);
  member = createMemberClient({
    baseUrl: server.url,
    fetch: fixture.wire.fetch,
    tokens: fixture.registered.tokens,
    userKey: fixture.registered.userKey,
  });
});
afterEach(() => {
  member.session.close();
  restoreTime();
});

describe('member.recoveryKit', () => {
  it('is unconfirmed after registration; confirm is idempotent', async () => {
    expect(await member.recoveryKit.status()).toEqual({
      confirmed: false,
      confirmed_at: null,
      email: fixture.email,
    });
    const confirmed = await member.recoveryKit.confirm();
    expect(confirmed.confirmed).toBe(true);
    expect(await member.recoveryKit.confirm()).toEqual(confirmed);
    expect(await member.recoveryKit.status()).toEqual(confirmed);
  });

  it('re-issues a kit that opens the same account; the previous one stops working', async () => {
    await member.recoveryKit.confirm();
    expect(await errorCode(member.recoveryKit.reissue({ password: 'wrong password' }))).toBe(
      'INVALID_CREDENTIALS',
    );
    expect((await member.recoveryKit.status()).confirmed).toBe(true);
    fixture.wire.reset();
    const kit = await member.recoveryKit.reissue({ password: fixture.password });
    expect(kit.recoveryKey).not.toBe(fixture.registered.recoveryKit.recoveryKey);
    const group = kit.recoveryKey.split('-')[kit.confirmation.groupIndex] ?? '';
    expect(kit.confirmation.matches(group)).toBe(true);
    // The recovery key never leaves the device; only its wrap and auth hash do.
    const sent = fixture.wire.requests.find((r) => r.path === 'auth/recovery-kit');
    const body = recoveryKitReissueSchema.parse(sent?.body);
    expect(JSON.stringify(sent?.body)).not.toContain(kit.recoveryKey.replace(/-/g, ''));
    expect(body.recovery.auth_hash).toHaveLength(43);
    expect((await member.recoveryKit.status()).confirmed).toBe(false);
    const mails = await mailsTo(server, fixture.email);
    expect(mails.some((mail) => /no longer works|больше не действует/.test(mail.text))).toBe(true);
    // Recovery with the new key is accepted by the server; the old one is refused.
    const verify = async (recoveryKey: string) => {
      await fetch(`${server.url}/api/v1/auth/recovery/initiate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: fixture.email }),
      });
      const code = (await mailsTo(server, fixture.email))
        .find((m) => /\d{6}/.test(m.subject))
        ?.subject.match(/\d{6}/)?.[0];
      const response = await fetch(`${server.url}/api/v1/auth/recovery/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: fixture.email,
          code,
          recovery_proof: await recoveryProof(await parseRecoveryKey(recoveryKey)),
          registration_request: 'AAAA',
        }),
      });
      return ((await response.json()) as { code?: string }).code;
    };
    expect(await verify(fixture.registered.recoveryKit.recoveryKey)).toBe('INVALID_RECOVERY_KEY');
    // Past the key check, the made-up OPAQUE request is what fails.
    expect(await verify(kit.recoveryKey)).not.toBe('INVALID_RECOVERY_KEY');
  });

  it('needs the second factor when 2FA is on', async () => {
    const { app } = await enableTotp(fixture);
    expect(await errorCode(member.recoveryKit.reissue({ password: fixture.password }))).toBe(
      'MFA_REQUIRED',
    );
    const kit = await member.recoveryKit.reissue({
      password: fixture.password,
      factor: { totpCode: app.next() },
    });
    expect(kit.recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
  });
});
