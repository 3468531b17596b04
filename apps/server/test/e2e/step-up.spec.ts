import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { steppedUpSchema } from '@cardcoop/contracts';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { loginRaw, post } from '../support/raw-member.js';
import { enableTotpRaw, provePasswordRaw, totpCodeFor } from '../support/raw-totp.js';
import { setSteppedUp, STAFF_FIXTURE_ENV, staffFixture } from '../support/staff-fixture.js';
import type { StaffFixture, StaffFixtureMember } from '../support/staff-fixture.js';
import { startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';
import { changeSessions } from '../support/staff-fixture.js';

let server: TestApp;
beforeAll(async () => {
  server = await startTestApp({ env: STAFF_FIXTURE_ENV });
});
afterAll(() => server.close());

const query = async <T>(statement: ReturnType<typeof sql>) =>
  (
    (await server.app.get<Database>(DATABASE).primary.execute(statement)) as unknown as {
      rows: T[];
    }
  ).rows;

const stepUp = (token: string, body: unknown) =>
  post(server.url, '/api/v1/auth/step-up', body, token);

/** A `stepUp` policy route: the owner gives the viewer the viewer role again. */
const guarded = async (coop: StaffFixture, token: string) => {
  const response = await fetch(
    `${server.url}/api/v1/business/cooperatives/${coop.coopname}/staff/${coop.as('viewer').userId}`,
    {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'viewer' }),
    },
  );
  return {
    status: response.status,
    code: response.status === 204 ? undefined : ((await response.json()) as { code: string }).code,
  };
};

const REFUSED = { status: 403, code: 'STEP_UP_REQUIRED' };
const PASSED = { status: 204, code: undefined };

describe('POST /auth/step-up with the password (2FA off)', () => {
  let coop: StaffFixture;
  let owner: StaffFixtureMember;
  beforeAll(async () => {
    coop = await staffFixture(server, { roles: ['owner', 'viewer'] });
    owner = coop.as('owner');
  });

  it('opens step-up routes for this session for five minutes, and only this session', async () => {
    expect(await guarded(coop, owner.token)).toEqual(REFUSED);

    const answer = await stepUp(
      owner.token,
      await provePasswordRaw(server.url, owner.token, owner.password),
    );
    expect(answer.status).toBe(200);
    const body = steppedUpSchema.parse(await answer.json());
    expect(Date.parse(body.valid_until) - Date.parse(body.stepped_up_at)).toBe(5 * 60_000);
    expect(await guarded(coop, owner.token)).toEqual(PASSED);

    // Another session of the same member has proven nothing.
    const other = await loginRaw(server.url, owner.email, owner.password, 'second device', {
      'x-forwarded-for': '10.200.0.1',
    });
    expect(other.response.status).toBe(200);
    expect(await guarded(coop, other.json.access_token!)).toEqual(REFUSED);

    // Five minutes later, this one has to prove it again.
    await setSteppedUp(server, owner.sessionId, 5 * 60_000 + 1_000);
    expect(await guarded(coop, owner.token)).toEqual(REFUSED);
    await setSteppedUp(server, owner.sessionId, 4 * 60_000);
    expect(await guarded(coop, owner.token)).toEqual(PASSED);

    const events = await query<{ data: Record<string, unknown> }>(
      sql`select data from audit_events where subject_id = ${owner.userId} and type = 'session.stepped_up'`,
    );
    expect(events.map((event) => event.data)).toEqual([
      { session_id: owner.sessionId, method: 'password' },
    ]);
  });

  it('refuses a wrong password, a spent proof, a missing proof and a code instead', async () => {
    const member = coop.as('viewer');
    const wrong = await stepUp(
      member.token,
      await provePasswordRaw(server.url, member.token, 'not the password'),
    );
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { code: string }).code).toBe('INVALID_CREDENTIALS');

    const proof = await provePasswordRaw(server.url, member.token, member.password);
    expect((await stepUp(member.token, proof)).status).toBe(200);
    const replayed = await stepUp(member.token, proof);
    expect(((await replayed.json()) as { code: string }).code).toBe('LOGIN_EXPIRED');

    // A proof started in one session is no use to another member.
    const foreign = await provePasswordRaw(server.url, owner.token, owner.password);
    expect((await stepUp(member.token, foreign)).status).toBe(401);

    const code = await stepUp(member.token, { totp_code: '123456' });
    expect(((await code.json()) as { code: string }).code).toBe('REAUTH_REQUIRED');
    expect((await stepUp(member.token, {})).status).toBe(422);
    expect((await post(server.url, '/api/v1/auth/step-up', {})).status).toBe(401);
  });
});

describe('POST /auth/step-up with 2FA on', () => {
  it('takes an app code (not twice) or a backup code, never the password alone', async () => {
    const coop = await staffFixture(server, { roles: ['owner', 'viewer'] });
    const owner = coop.as('owner');
    const { secret, backupCodes } = await enableTotpRaw(server.url, owner.token, owner.password);

    const passwordOnly = await stepUp(
      owner.token,
      await provePasswordRaw(server.url, owner.token, owner.password),
    );
    expect(((await passwordOnly.json()) as { code: string }).code).toBe('MFA_REQUIRED');
    expect(await guarded(coop, owner.token)).toEqual(REFUSED);

    const code = totpCodeFor(secret, 1);
    expect((await stepUp(owner.token, { totp_code: code })).status).toBe(200);
    expect(await guarded(coop, owner.token)).toEqual(PASSED);
    // The same code again: the replay guard refuses it.
    const replay = await stepUp(owner.token, { totp_code: code });
    expect(((await replay.json()) as { code: string }).code).toBe('INVALID_MFA_CODE');

    await setSteppedUp(server, owner.sessionId, null);
    expect((await stepUp(owner.token, { backup_code: backupCodes[0] })).status).toBe(200);
    expect(await guarded(coop, owner.token)).toEqual(PASSED);

    const methods = await query<{ method: string }>(
      sql`select data->>'method' as method from audit_events where subject_id = ${owner.userId} and type = 'session.stepped_up' order by seq`,
    );
    expect(methods.map((row) => row.method)).toEqual(['totp', 'backup_code']);
  });

  it('locks the factor after five wrong codes, as at login', async () => {
    const coop = await staffFixture(server, { roles: ['owner', 'viewer'] });
    const owner = coop.as('owner');
    const { secret } = await enableTotpRaw(server.url, owner.token, owner.password);
    const wrong = totpCodeFor(secret, 10);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1)
      statuses.push((await stepUp(owner.token, { totp_code: wrong })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    expect((await stepUp(owner.token, { totp_code: totpCodeFor(secret, 1) })).status).toBe(429);
    expect(await guarded(coop, owner.token)).toEqual(REFUSED);
  });
});

describe('a sign-in with a second factor', () => {
  it('is a step-up for its first five minutes; a sign-in with the password alone is not', async () => {
    const coop = await staffFixture(server, { roles: ['owner', 'viewer'] });
    const owner = coop.as('owner');
    const { secret } = await enableTotpRaw(server.url, owner.token, owner.password);
    const first = await loginRaw(server.url, owner.email, owner.password);
    expect(first.json.code).toBe('MFA_REQUIRED');
    const second = await post(server.url, '/api/v1/auth/complete-login', {
      login_id: first.loginId,
      finish_login_request: first.finishLoginRequest,
      totp_code: totpCodeFor(secret, 1),
    });
    expect(second.status).toBe(200);
    const { access_token: token } = (await second.json()) as { access_token: string };
    expect(await guarded(coop, token)).toEqual(PASSED);
    await changeSessions(
      server,
      sql`update sessions set stepped_up_at = now() - interval '6 minutes' where user_id = ${owner.userId} returning id`,
    );
    expect(await guarded(coop, token)).toEqual(REFUSED);

    // The viewer has no second factor: signing in proves the password only.
    const viewer = coop.as('viewer');
    const plain = await loginRaw(server.url, viewer.email, viewer.password);
    expect(plain.response.status).toBe(200);
    const [session] = await query<{ stepped_up_at: string | null }>(
      sql`select stepped_up_at from sessions where user_id = ${viewer.userId} order by created_at desc limit 1`,
    );
    expect(session!.stepped_up_at).toBeNull();
  });
});
