import {
  CardCoopError,
  createClient,
  generateUserKey,
  openEnvelope,
  sealEnvelope,
} from '@cardcoop/sdk';
import type { CardCoopClient, UserKey } from '@cardcoop/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY_VERSION, TEST_KSF } from '../support/raw-member.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/** Two keys are the same when one opens what the other sealed. */
async function sameKey(a: UserKey, b: UserKey): Promise<boolean> {
  const context = { purpose: 'probe', user_id: 'u', record_id: 'r' };
  const envelope = await sealEnvelope({
    key: a.key,
    plaintext: new TextEncoder().encode('probe'),
    context,
    kid: '1',
  });
  return openEnvelope({ key: b.key, envelope, context }).then(
    () => true,
    () => false,
  );
}

describe('SDK against the server, with codes from a real SMTP server', () => {
  let server: TestApp;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let client: CardCoopClient;

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestApp({ env: { SMTP_URL: sink.url } });
    client = createClient({ baseUrl: server.url, language: 'en' });
  });
  afterAll(async () => {
    await server.close();
    await sink.close();
  });

  it('registers, logs in and unwraps the same user key', async () => {
    const email = 'sdk.member@coop.example';
    const password = 'пароль для SDK 2026';
    expect(
      (await client.auth.startRegistration({ email, privacyVersion: POLICY_VERSION })).status,
    ).toBe('code_sent');
    const registered = await client.auth.completeRegistration({
      email,
      code: await sink.nextCode(email),
      password,
      ksf: TEST_KSF,
      deviceName: 'vitest',
    });
    expect(registered.recoveryKit.recoveryKey).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/);

    const outcome = await client.auth.login({
      email,
      password,
      expectedServerPublicKey: registered.serverStaticPublicKey,
    });
    expect(outcome.status).toBe('authenticated');
    if (outcome.status !== 'authenticated') return;
    expect(outcome.session.tokens.user_id).toBe(registered.tokens.user_id);
    expect(await sameKey(registered.userKey, outcome.session.userKey)).toBe(true);
    expect(await sameKey(registered.userKey, await generateUserKey())).toBe(false);
  });

  it('reports a wrong password and an unknown address with the same code', async () => {
    const wrong = await client.auth
      .login({ email: 'sdk.member@coop.example', password: 'nope' })
      .catch((e: unknown) => e);
    const unknown = await client.auth
      .login({ email: 'nobody@coop.example', password: 'nope' })
      .catch((e: unknown) => e);
    for (const error of [wrong, unknown]) {
      expect(error).toBeInstanceOf(CardCoopError);
      expect((error as CardCoopError).code).toBe('INVALID_CREDENTIALS');
    }
  });
});
