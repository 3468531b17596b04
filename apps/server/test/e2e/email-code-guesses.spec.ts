import { sql } from 'drizzle-orm';
import * as opaque from '@serenity-kit/opaque';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { normalizeEmail, ServerCrypto } from '../../src/infra/crypto/server-crypto.js';
import { LIMITS } from '../../src/modules/auth/auth-limits.js';
import { MAX_CODE_ATTEMPTS } from '../../src/modules/auth/email-codes.service.js';
import {
  latestCode,
  mailsTo,
  newRecoveryProof,
  post,
  POLICY_VERSION,
  registerRaw,
} from '../support/raw-member.js';
import type { TEST_KSF } from '../support/raw-member.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

// Attacks on mailed codes: parallel guessing past the 5-guess lock, and code mails to many
// addresses through e-mail change. Requests carry X-Forwarded-For (trusted here), so each
// guess can come from an address of its own, as a botnet's would, past the per-IP limits.
let server: TestApp;
let n = 0;
const uniqueEmail = (tag: string) => `${tag}${(n += 1)}.${Date.now()}@coop.example`;
const fromIp = (ip: string) => ({ 'x-forwarded-for': ip });
const botIp = (i: number) => `198.51.100.${i + 1}`;

beforeAll(async () => {
  server = await startTestApp({ env: { TRUST_PROXY: 'true' } });
  await opaque.ready;
});
afterAll(() => server.close());

/** The stored guess count of the address's latest challenge of this purpose. */
async function attemptsOf(email: string, purpose: string): Promise<number> {
  const lookup = server.app.get(ServerCrypto).lookup('email', normalizeEmail(email));
  const result = (await server.app.get<Database>(DATABASE).primary.execute(sql`
    select attempts from email_challenges where email_lookup = ${lookup} and purpose = ${purpose}
    order by created_at desc limit 1`)) as unknown as { rows: { attempts: number }[] };
  return result.rows[0]!.attempts;
}

interface Answer {
  status: number;
  code: string;
  retryAfter: string | null;
}

async function answer(response: Response): Promise<Answer> {
  const body = (await response.json()) as { code: string };
  return {
    status: response.status,
    code: body.code,
    retryAfter: response.headers.get('retry-after'),
  };
}

const count = (answers: Answer[], code: string) => answers.filter((a) => a.code === code).length;

/** Every 429 says when to come back. */
function expectRetryAfterOnEvery429(answers: Answer[]): void {
  const refused = answers.filter((a) => a.status === 429);
  expect(refused.length).toBeGreaterThan(0);
  for (const a of refused) expect(Number(a.retryAfter), JSON.stringify(a)).toBeGreaterThan(0);
}

describe('parallel guesses at a mailed code', () => {
  it('compares at most 5 of 50 parallel wrong codes and then refuses the right one (verify-email)', async () => {
    const email = uniqueEmail('burst');
    const initiated = await post(server.url, '/api/v1/auth/initiate-registration', {
      email,
      privacy_accepted: true,
      privacy_version: POLICY_VERSION,
    });
    expect(initiated.status).toBe(200);
    const code = await latestCode(server.url, email);
    const wrong = (i: number) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');
    const answers = await Promise.all(
      Array.from({ length: 50 }, async (_, i) =>
        answer(
          await post(
            server.url,
            '/api/v1/auth/verify-email',
            { email, code: wrong(i), registration_request: 'AAAA' },
            undefined,
            fromIp(botIp(i)),
          ),
        ),
      ),
    );
    expect(await attemptsOf(email, 'registration')).toBe(MAX_CODE_ATTEMPTS);
    expect(count(answers, 'INVALID_CODE')).toBe(MAX_CODE_ATTEMPTS - 1);
    expect(count(answers, 'TOO_MANY_ATTEMPTS')).toBe(50 - (MAX_CODE_ATTEMPTS - 1));
    expectRetryAfterOnEvery429(answers);

    const right = await answer(
      await post(
        server.url,
        '/api/v1/auth/verify-email',
        { email, code, registration_request: 'AAAA' },
        undefined,
        fromIp('198.51.100.200'),
      ),
    );
    expect(right).toMatchObject({ status: 429, code: 'TOO_MANY_ATTEMPTS' });
    expect(Number(right.retryAfter)).toBeGreaterThan(0);
    expect(await attemptsOf(email, 'registration')).toBe(MAX_CODE_ATTEMPTS);
  });

  it('also bounds parallel wrong codes at recovery, and the per-IP limit answers with Retry-After', async () => {
    const email = uniqueEmail('recover.burst');
    await registerRaw(server.url, email, 'recovery burst password');
    const recoveryIp = '192.0.2.10';
    expect(
      (
        await post(
          server.url,
          '/api/v1/auth/recovery/initiate',
          { email },
          undefined,
          fromIp(recoveryIp),
        )
      ).status,
    ).toBe(200);
    const code = await latestCode(server.url, email);
    const wrong = code === '000000' ? '111111' : '000000';
    // From one address: the per-IP verify limit refuses the excess, also with Retry-After.
    const answers = await Promise.all(
      Array.from({ length: LIMITS.verifyPerIp.max + 10 }, async () =>
        answer(
          await post(
            server.url,
            '/api/v1/auth/recovery/verify',
            {
              email,
              code: wrong,
              recovery_proof: newRecoveryProof().proof,
              registration_request: 'AAAA',
            },
            undefined,
            fromIp(recoveryIp),
          ),
        ),
      ),
    );
    expect(await attemptsOf(email, 'recovery')).toBe(MAX_CODE_ATTEMPTS);
    expect(count(answers, 'INVALID_CODE')).toBe(MAX_CODE_ATTEMPTS - 1);
    expect(count(answers, 'RATE_LIMITED')).toBe(10);
    expectRetryAfterOnEvery429(answers);
  });

  it('counts a wrong recovery key once against the code, as before', async () => {
    const email = uniqueEmail('recover.key');
    await registerRaw(server.url, email, 'recovery key password');
    await post(
      server.url,
      '/api/v1/auth/recovery/initiate',
      { email },
      undefined,
      fromIp('192.0.2.20'),
    );
    const code = await latestCode(server.url, email);
    const answers: Answer[] = [];
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i += 1) {
      answers.push(
        await answer(
          await post(
            server.url,
            '/api/v1/auth/recovery/verify',
            {
              email,
              code,
              recovery_proof: newRecoveryProof().proof,
              registration_request: 'AAAA',
            },
            undefined,
            fromIp('192.0.2.20'),
          ),
        ),
      );
    }
    expect(answers.map((a) => a.code)).toEqual([
      ...Array<string>(MAX_CODE_ATTEMPTS - 1).fill('INVALID_RECOVERY_KEY'),
      'TOO_MANY_ATTEMPTS',
    ]);
    expect(Number(answers.at(-1)!.retryAfter)).toBeGreaterThan(0);
    expect(await attemptsOf(email, 'recovery')).toBe(MAX_CODE_ATTEMPTS);
  });
});

describe('code mails through e-mail change', () => {
  /** A fresh OPAQUE re-authentication: what change-email/initiate wants besides the address. */
  async function reauth(accessToken: string, password: string) {
    const login = opaque.client.startLogin({ password });
    const started = (await (
      await post(
        server.url,
        '/api/v1/auth/reauth/initiate',
        { start_login_request: login.startLoginRequest },
        accessToken,
      )
    ).json()) as { reauth_id: string; login_response: string; ksf: typeof TEST_KSF };
    const finish = opaque.client.finishLogin({
      clientLoginState: login.clientLoginState,
      loginResponse: started.login_response,
      password,
      keyStretching: started.ksf,
    });
    return { reauth_id: started.reauth_id, finish_login_request: finish!.finishLoginRequest };
  }

  async function initiate(accessToken: string, password: string, newEmail: string, ip: string) {
    return post(
      server.url,
      '/api/v1/auth/change-email/initiate',
      { new_email: newEmail, ...(await reauth(accessToken, password)) },
      accessToken,
      fromIp(ip),
    );
  }

  it('limits change-email code mails per account, and mails nothing for the refused one', async () => {
    const password = 'many addresses password';
    const { tokens } = await registerRaw(server.url, uniqueEmail('changer'), password);
    const limit = LIMITS.emailChangesPerAccount.max;
    // Each from an address of its own: the per-account limit holds whatever the IP.
    for (let i = 0; i < limit; i += 1) {
      const target = uniqueEmail('target');
      const sent = await initiate(tokens.access_token, password, target, `203.0.113.${i + 1}`);
      expect(sent.status).toBe(200);
      expect(await latestCode(server.url, target)).toMatch(/^\d{6}$/);
    }
    const refusedTarget = uniqueEmail('target.refused');
    const refused = await answer(
      await initiate(tokens.access_token, password, refusedTarget, '203.0.113.100'),
    );
    expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    // A mail sent after the refusal arrives; none for the refused address ever did.
    const marker = uniqueEmail('marker');
    await post(server.url, '/api/v1/auth/initiate-registration', {
      email: marker,
      privacy_accepted: true,
      privacy_version: POLICY_VERSION,
    });
    await latestCode(server.url, marker);
    expect(await mailsTo(server.url, refusedTarget)).toEqual([]);
  });

  it('shares the per-IP budget of code mails with the other mail-sending endpoints', async () => {
    const password = 'shared ip password';
    const { tokens } = await registerRaw(server.url, uniqueEmail('ip.changer'), password);
    const ip = '203.0.113.200';
    for (let i = 0; i < LIMITS.codesPerIp.max; i += 1) {
      const sent = await post(
        server.url,
        '/api/v1/auth/recovery/initiate',
        { email: uniqueEmail('nobody') },
        undefined,
        fromIp(ip),
      );
      expect(sent.status).toBe(200);
    }
    const target = uniqueEmail('ip.target');
    const refused = await answer(await initiate(tokens.access_token, password, target, ip));
    expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    // The same member from another address is not held up by that IP's budget.
    const elsewhere = uniqueEmail('ip.target.elsewhere');
    expect((await initiate(tokens.access_token, password, elsewhere, '203.0.113.201')).status).toBe(
      200,
    );
    await latestCode(server.url, elsewhere);
    expect(await mailsTo(server.url, target)).toEqual([]);
  });
});
