import { randomUUID } from 'node:crypto';
import { PrivateKey } from '@wharfkit/antelope';
import { startAiforySandbox } from '@cardcoop/aifory-sandbox';
import type { AiforySandbox, AiforySandboxOptions } from '@cardcoop/aifory-sandbox';
import { AiforyEndpoint } from '../../src/modules/aifory/provider/aifory-provider.module.js';
import { AuditService } from '../../src/modules/audit/audit.service.js';
import { CooperativesService } from '../../src/modules/cooperatives/cooperatives.service.js';
import { LedgerService } from '../../src/modules/ledger/ledger.service.js';
import { VirtualCardsRepository } from '../../src/modules/virtual-cards/virtual-cards.repository.js';
import { fakeEnvelope, post, registerRaw } from './raw-member.js';
import { enableTotpRaw, totpCodeFor } from './raw-totp.js';
import type { TestApp } from './test-app.js';

export const PASSWORD = 'virtual card member password';

/** The sandbox in-process, speaking to this test app (its credentials, its webhook URL). */
export async function sandboxFor(
  server: TestApp,
  options: Partial<AiforySandboxOptions> = {},
): Promise<AiforySandbox> {
  const { apiKey, apiSecret, webhookSecret } = server.config.aifory;
  const sandbox = await startAiforySandbox({
    apiKey,
    apiSecret,
    webhookSecret,
    webhookUrl: `${server.url}/api/v1/aifory/webhook`,
    webhookBackoffMs: [20, 50],
    ...options,
  });
  server.app.get(AiforyEndpoint).useSandbox(sandbox.url);
  return sandbox;
}

/**
 * A cooperative at the extended level with issuing on and `funds` USD cents of funds (funded
 * through the ledger as the operator would).
 */
export async function extendedCooperative(
  server: TestApp,
  coopname: string,
  funds = 1_000_000,
  conditions: { maxCardsPerMember?: number; monthlyTopUpCap?: number } = {},
): Promise<{ coopname: string; clientSecret: string }> {
  const { clientSecret } = await server.app
    .get(CooperativesService)
    .create({ coopname, displayName: `ПК ${coopname}`, level: 'extended' });
  const operator = randomUUID();
  await server.app.get(VirtualCardsRepository).putConditions(
    coopname,
    0,
    {
      issuing: true,
      maxCardsPerMember: conditions.maxCardsPerMember ?? 3,
      monthlyTopUpCap: conditions.monthlyTopUpCap ?? null,
    },
    {
      subjectId: operator,
      event: server.app.get(AuditService).eventFor(operator, 'test.conditions', { coopname }),
    },
  );
  if (funds > 0) {
    await server.app
      .get(LedgerService)
      .fundCooperative({ coopname, amount: funds, currency: 'USD' });
  }
  return { coopname, clientSecret };
}

export interface CardMember {
  email: string;
  userId: string;
  token: string;
  username: string;
  totpSecret: string;
  /** Proves the second factor now (never the same code twice): opens the reveal for 5 minutes. */
  stepUp(): Promise<void>;
}

let counter = 0;

/** A member with an open, confirmed account in the cooperative and 2FA on. */
export async function cardMember(
  server: TestApp,
  coop: { coopname: string; clientSecret: string },
): Promise<CardMember> {
  counter += 1;
  const email = `vc.${counter}.${randomUUID().slice(0, 8)}@cards.test`;
  const registered = await registerRaw(server.url, email, PASSWORD);
  const token = registered.tokens.access_token;
  const username = `vcm${randomUUID()
    .replace(/[^a-z]/g, '')
    .slice(0, 9)
    .padEnd(9, 'a')}`;
  const added = await post(
    server.url,
    '/api/v1/card/add-account',
    {
      coopname: coop.coopname,
      username,
      public_key: PrivateKey.generate('K1').toPublic().toString(),
      encrypted_private_key: fakeEnvelope(`wif-${username}`),
    },
    token,
  );
  if (added.status !== 201) throw new Error(`add-account: ${added.status} ${await added.text()}`);
  const confirmed = await fetch(`${server.url}/api/v1/coop/memberships/${username}`, {
    method: 'PUT',
    headers: {
      authorization: `Basic ${Buffer.from(`${coop.coopname}:${coop.clientSecret}`).toString('base64')}`,
    },
  });
  if (confirmed.status !== 204) throw new Error(`membership: ${confirmed.status}`);
  const { secret, backupCodes } = await enableTotpRaw(server.url, token, PASSWORD);
  const unused = [...backupCodes];
  let appCodeUsed = false;
  return {
    email,
    userId: registered.userId,
    token,
    username,
    totpSecret: secret,
    stepUp: async () => {
      // The app's code once (the replay guard takes a step's code only once), then backup codes.
      const factor = appCodeUsed
        ? { backup_code: unused.shift()! }
        : { totp_code: totpCodeFor(secret, 1) };
      appCodeUsed = true;
      const response = await post(server.url, '/api/v1/auth/step-up', factor, token);
      if (response.status !== 200) throw new Error(`step-up: ${response.status}`);
    },
  };
}

/** A member's authenticated call with an optional Idempotency-Key. */
export async function call(
  server: TestApp,
  member: { token: string },
  method: string,
  path: string,
  body?: unknown,
  idempotencyKey?: string,
): Promise<Response> {
  return fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${member.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
