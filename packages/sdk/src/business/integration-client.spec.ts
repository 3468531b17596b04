import { PrivateKey } from '@wharfkit/antelope';
import { describe, expect, it } from 'vitest';
import {
  putOnStaff,
  setSteppedUp,
  uniqueCoopname,
} from '../../../../apps/server/test/support/staff-fixture.js';
import { certifyDataKey, generateDataKey } from '../coop/index.js';
import { errorCode, registerCooperative } from '../testing/member-fixture.js';
import { memberEachTest } from '../testing/member-scene.js';
import { createBusinessClient } from './business-client.js';

const scene = memberEachTest();

/** The member's user id and session id, from the claims of its access token. */
function claimsOf(accessToken: string): { sub: string; sid: string } {
  const payload = accessToken.split('.')[1]!;
  return JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub: string; sid: string };
}

/** A new cooperative with the scene's member on its staff in `role`. */
async function cooperativeOf(role: 'owner' | 'admin' | 'viewer') {
  const coopname = uniqueCoopname();
  await registerCooperative(scene.server, { coopname, display_name: 'ПК «Тест»' });
  const { sub, sid } = claimsOf(scene.fixture.registered.tokens.access_token);
  await putOnStaff(scene.server, coopname, sub, role);
  return { coopname, sessionId: sid };
}

/** A 1×1 PNG (signature and IHDR are all the server reads). */
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);

describe('business.integration', () => {
  it('reads and changes the settings on top of the revision read; a stale one is a CONFLICT', async () => {
    const { coopname } = await cooperativeOf('admin');
    const integration = createBusinessClient(scene.member).integration;
    const settings = await integration.get(coopname);
    expect(settings).toMatchObject({ coopname, client_id: coopname, logo: null });
    const updated = await integration.update(coopname, {
      expected_revision: settings.revision,
      description: 'Потребительский кооператив жителей',
      requested_fields: [{ field: 'phone', reason: 'Чтобы позвонить о собрании' }],
    });
    expect(updated).toMatchObject({
      description: 'Потребительский кооператив жителей',
      requested_fields: [{ field: 'phone', reason: 'Чтобы позвонить о собрании' }],
      revision: settings.revision + 1,
    });
    expect(
      await errorCode(
        integration.update(coopname, { expected_revision: settings.revision, description: null }),
      ),
    ).toBe('CONFLICT');
  });

  it('uploads the logo as base64 and removes it', async () => {
    const { coopname } = await cooperativeOf('owner');
    const integration = createBusinessClient(scene.member).integration;
    const withLogo = await integration.putLogo(coopname, { contentType: 'image/png', bytes: PNG });
    expect(withLogo.logo).toMatchObject({ content_type: 'image/png', width: 1, height: 1 });
    expect(
      await errorCode(integration.putLogo(coopname, { contentType: 'image/jpeg', bytes: PNG })),
    ).toBe('UNSUPPORTED_MEDIA_TYPE');
    await integration.removeLogo(coopname);
    expect((await integration.get(coopname)).logo).toBeNull();
  });

  it('rotates the secret and publishes a data key after step-up only', async () => {
    const { coopname, sessionId } = await cooperativeOf('owner');
    const integration = createBusinessClient(scene.member).integration;
    expect(await errorCode(integration.rotateSecret(coopname, 30))).toBe('STEP_UP_REQUIRED');
    await setSteppedUp(scene.server, sessionId, 0);
    const rotated = await integration.rotateSecret(coopname, 30);
    expect(rotated.client_id).toBe(coopname);
    expect(rotated.client_secret).toMatch(/^[\w-]{43}$/);
    expect(rotated.previous_valid_until).not.toBeNull();

    const key = await generateDataKey({ coopname });
    const certificate = certifyDataKey({
      coopname,
      kid: key.kid,
      publicKey: key.publicKey,
      accountPrivateKeyWif: PrivateKey.generate('K1').toWif(),
    });
    const published = await integration.publishDataKey(coopname, certificate);
    expect(published.data_key?.kid).toBe(key.kid);
  });

  it('tells a viewer FORBIDDEN when it tries a change', async () => {
    const { coopname } = await cooperativeOf('viewer');
    const integration = createBusinessClient(scene.member).integration;
    const { revision } = await integration.get(coopname);
    expect(
      await errorCode(
        integration.update(coopname, { expected_revision: revision, description: 'x' }),
      ),
    ).toBe('FORBIDDEN');
    expect(await errorCode(integration.removeLogo(coopname))).toBe('FORBIDDEN');
  });
});
