import { afterEach, describe, expect, it } from 'vitest';
import { recoveryKitReissueSchema } from '@cardcoop/contracts';
import { parseRecoveryKey, recoveryProof } from '../crypto/recovery-kit.js';
import { enableTotp, errorCode, mailsTo, restoreTime } from '../testing/member-fixture.js';
import { memberEachTest } from '../testing/member-scene.js';

const scene = memberEachTest();
afterEach(restoreTime);

describe('member.recoveryKit', () => {
  it('is unconfirmed after registration; confirm is idempotent', async () => {
    expect(await scene.member.recoveryKit.status()).toEqual({
      confirmed: false,
      confirmed_at: null,
      email: scene.fixture.email,
    });
    const confirmed = await scene.member.recoveryKit.confirm();
    expect(confirmed.confirmed).toBe(true);
    expect(await scene.member.recoveryKit.confirm()).toEqual(confirmed);
    expect(await scene.member.recoveryKit.status()).toEqual(confirmed);
  });

  it('re-issues a kit that opens the same account; the previous one stops working', async () => {
    await scene.member.recoveryKit.confirm();
    expect(await errorCode(scene.member.recoveryKit.reissue({ password: 'wrong password' }))).toBe(
      'INVALID_CREDENTIALS',
    );
    expect((await scene.member.recoveryKit.status()).confirmed).toBe(true);
    scene.fixture.wire.reset();
    const kit = await scene.member.recoveryKit.reissue({ password: scene.fixture.password });
    expect(kit.recoveryKey).not.toBe(scene.fixture.registered.recoveryKit.recoveryKey);
    const group = kit.recoveryKey.split('-')[kit.confirmation.groupIndex] ?? '';
    expect(kit.confirmation.matches(group)).toBe(true);
    // The recovery key never leaves the device; only its wrap and auth hash do.
    const sent = scene.fixture.wire.requests.find((r) => r.path === 'auth/recovery-kit');
    const body = recoveryKitReissueSchema.parse(sent?.body);
    expect(JSON.stringify(sent?.body)).not.toContain(kit.recoveryKey.replace(/-/g, ''));
    expect(body.recovery.auth_hash).toHaveLength(43);
    expect((await scene.member.recoveryKit.status()).confirmed).toBe(false);
    const mails = await mailsTo(scene.server, scene.fixture.email);
    expect(mails.some((mail) => /no longer works|больше не действует/.test(mail.text))).toBe(true);
    // Recovery with the new key is accepted by the scene.server; the old one is refused.
    const verify = async (recoveryKey: string) => {
      await fetch(`${scene.server.url}/api/v1/auth/recovery/initiate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: scene.fixture.email }),
      });
      const code = (await mailsTo(scene.server, scene.fixture.email))
        .find((m) => /\d{6}/.test(m.subject))
        ?.subject.match(/\d{6}/)?.[0];
      const response = await fetch(`${scene.server.url}/api/v1/auth/recovery/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: scene.fixture.email,
          code,
          recovery_proof: await recoveryProof(await parseRecoveryKey(recoveryKey)),
          registration_request: 'AAAA',
        }),
      });
      return ((await response.json()) as { code?: string }).code;
    };
    expect(await verify(scene.fixture.registered.recoveryKit.recoveryKey)).toBe(
      'INVALID_RECOVERY_KEY',
    );
    // Past the key check, the made-up OPAQUE request is what fails.
    expect(await verify(kit.recoveryKey)).not.toBe('INVALID_RECOVERY_KEY');
  });

  it('needs the second factor when 2FA is on', async () => {
    const { app } = await enableTotp(scene.fixture);
    expect(
      await errorCode(scene.member.recoveryKit.reissue({ password: scene.fixture.password })),
    ).toBe('MFA_REQUIRED');
    const kit = await scene.member.recoveryKit.reissue({
      password: scene.fixture.password,
      factor: { totpCode: app.next() },
    });
    expect(kit.recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
  });
});
