import { sql } from 'drizzle-orm';
import { DATABASE } from '../../src/db/database.module.js';
import type { Database } from '../../src/db/database.js';
import type { PlatformRole } from '../../src/db/schema/index.js';
import { setSteppedUp, STAFF_FIXTURE_ENV, staffMember } from './staff-fixture.js';
import type { StaffFixtureMember } from './staff-fixture.js';
import type { TestApp } from './test-app.js';

/** A signed-in member with a platform role (or none), as the fixture made them. */
export type PlatformFixtureMember = Omit<StaffFixtureMember, 'role'> & {
  role: PlatformRole | null;
};

/** The server settings the fixture needs (each member registers from an address of its own). */
export const PLATFORM_FIXTURE_ENV = STAFF_FIXTURE_ENV;

let count = 0;

/** Gives a member a platform role directly (or changes it), as `npm run coop -- platform-admin` would. */
export async function grantPlatformRole(
  server: TestApp,
  userId: string,
  role: PlatformRole,
): Promise<void> {
  await server.app.get<Database>(DATABASE).primary.execute(
    sql`insert into platform_staff (user_id, role) values (${userId}, ${role})
          on conflict (user_id) do update set role = excluded.role`,
  );
}

/**
 * A new member, registered and signed in, with the platform role given (`null`: none); with
 * `steppedUp` their session proved a second factor just now (step-up policies pass). Start the
 * server with {@link PLATFORM_FIXTURE_ENV}.
 */
export async function platformMember(
  server: TestApp,
  role: PlatformRole | null,
  { steppedUp = false }: { steppedUp?: boolean } = {},
): Promise<PlatformFixtureMember> {
  count += 1;
  const member = await staffMember(server, `platform${count}.${role ?? 'none'}.${Date.now()}`);
  if (role) await grantPlatformRole(server, member.userId, role);
  if (steppedUp) await setSteppedUp(server, member.sessionId, 0);
  return { ...member, role };
}
