import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { StaffRole } from '@cardcoop/contracts';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import { registerCooperative } from './coop-fixture.js';
import { post, registerRaw } from './raw-member.js';
import { provePasswordRaw } from './raw-totp.js';
import type { TestApp } from './test-app.js';
import { SessionCache } from '../../src/modules/sessions/session-cache.js';

/** A member on the fixture cooperative's staff, signed in (one session). */
export interface StaffFixtureMember {
  role: StaffRole;
  email: string;
  password: string;
  userId: string;
  sessionId: string;
  /** Access token of the member's session. */
  token: string;
}

export interface StaffFixture {
  coopname: string;
  displayName: string;
  /** The cooperative's client credentials, as an `authorization` header value. */
  credentials: string;
  /** One member per role asked for, in that order. */
  members: StaffFixtureMember[];
  /** The first member with `role` (throws when none was asked for). */
  as(role: StaffRole): StaffFixtureMember;
}

/**
 * The server settings the fixture needs: X-Forwarded-For trusted, so that each member it
 * registers comes from an address of its own, past the per-IP registration limit.
 */
export const STAFF_FIXTURE_ENV = { TRUST_PROXY: 'true' };

let addresses = 0;
/** A client address no other registration of this process used. */
const nextAddress = () => {
  addresses += 1;
  return `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
};

const ANTELOPE = 'abcdefghijklmnopqrstuvwxyz12345';
/** A fresh valid Antelope account name (12 characters). */
export const uniqueCoopname = (): string =>
  Array.from({ length: 12 }, () => ANTELOPE[randomInt(ANTELOPE.length)]).join('');

const database = (server: TestApp) => server.app.get<Database>(DATABASE).primary;

/**
 * A new cooperative (admin-verified, as the admin API makes it) and a new member registered and
 * signed in for each role given, put on its staff with a direct insert (the claims flow makes the
 * first owner in real life). Start the server with {@link STAFF_FIXTURE_ENV}.
 *
 * @example
 * ```ts
 * const coop = await staffFixture(server, { roles: ['owner', 'admin', 'viewer'] });
 * await call(server, 'GET', `/business/cooperatives/${coop.coopname}/staff`, `Bearer ${coop.as('viewer').token}`);
 * ```
 */
export async function staffFixture(
  server: TestApp,
  { roles, displayName = 'ПК «Тест»' }: { roles: StaffRole[]; displayName?: string },
): Promise<StaffFixture> {
  const coopname = uniqueCoopname();
  const credentials = await registerCooperative(server, coopname, displayName);
  const members: StaffFixtureMember[] = [];
  for (const [index, role] of roles.entries()) {
    const member = await staffMember(server, `${role}${index}.${coopname}`);
    await putOnStaff(server, coopname, member.userId, role);
    members.push({ ...member, role });
  }
  return {
    coopname,
    displayName,
    credentials,
    members,
    as(role) {
      const member = members.find((candidate) => candidate.role === role);
      if (!member) throw new Error(`staffFixture: no ${role} was asked for`);
      return member;
    },
  };
}

/** A newly registered, signed-in member (not on any staff yet); see {@link STAFF_FIXTURE_ENV}. */
export async function staffMember(
  server: TestApp,
  name: string,
): Promise<Omit<StaffFixtureMember, 'role'>> {
  const email = `${name}@coop.example`;
  const password = `${name} password`;
  const { tokens, userId } = await registerRaw(server.url, email, password, {
    'x-forwarded-for': nextAddress(),
  });
  return {
    email,
    password,
    userId,
    sessionId: tokens.session_id,
    token: tokens.access_token,
  };
}

/** Gives a member a role in a cooperative directly (or changes it). */
export async function putOnStaff(
  server: TestApp,
  coopname: string,
  userId: string,
  role: StaffRole,
): Promise<void> {
  await database(server).execute(
    sql`insert into cooperative_staff (coopname, user_id, role) values (${coopname}, ${userId}, ${role})
        on conflict (coopname, user_id) do update set role = excluded.role`,
  );
}

/**
 * Step-up through the real API: the member proves the password again (`POST /auth/reauth/
 * initiate`, then `POST /auth/step-up`); for a member without 2FA.
 */
export async function stepUp(
  server: TestApp,
  member: Pick<StaffFixtureMember, 'token' | 'password'>,
): Promise<void> {
  const proof = await provePasswordRaw(server.url, member.token, member.password);
  const response = await post(server.url, '/api/v1/auth/step-up', proof, member.token);
  if (response.status !== 200)
    throw new Error(`auth/step-up: ${response.status} ${await response.text()}`);
}

/**
 * Changes sessions in SQL (`update … returning id`) as the node `server` would: its kept checks
 * of them are dropped at once (ADR 024), other nodes' when the trigger's notice arrives.
 */
export async function changeSessions(server: TestApp, update: SQL): Promise<void> {
  const { rows } = (await database(server).execute(update)) as unknown as {
    rows: { id: string }[];
  };
  server.app.get(SessionCache).forget(...rows.map((row) => row.id));
}

/**
 * Sets (or, with `null`, clears) when the member's session last proved a second factor, in SQL:
 * `ageMs` in the past.
 */
export async function setSteppedUp(
  server: TestApp,
  sessionId: string,
  ageMs: number | null,
): Promise<void> {
  await changeSessions(
    server,
    ageMs === null
      ? sql`update sessions set stepped_up_at = null where id = ${sessionId} returning id`
      : sql`update sessions set stepped_up_at = now() - make_interval(secs => ${ageMs / 1000}) where id = ${sessionId} returning id`,
  );
}
