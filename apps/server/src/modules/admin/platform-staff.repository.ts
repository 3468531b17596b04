import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { platformStaff } from '../../db/schema/index.js';
import type { PlatformRole } from '../../db/schema/index.js';
import { appendEventSql } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';

export type PlatformStaffRow = typeof platformStaff.$inferSelect;

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * Every platform admin's row, locked, so two admins removing each other at once cannot both
 * succeed: the second waits and then counts without the first.
 */
const lockedAdmins = sql`admins as (
  select user_id from ${platformStaff} where role = 'platform_admin' for update)`;
const anotherAdmin = (userId: string) =>
  sql`exists (select 1 from admins where admins.user_id <> ${userId}::uuid)`;

/** Who works for the platform; each change commits with its audit event on the member's chain. */
@Injectable()
export class PlatformStaffRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async list(): Promise<PlatformStaffRow[]> {
    return this.database.primary.select().from(platformStaff).orderBy(platformStaff.createdAt);
  }

  /**
   * Gives `userId` the role. 'created' / 'changed'; 'last_admin' when it would demote the last
   * platform admin (checked in the same statement); 'no_user' for an unknown member.
   */
  async set(
    userId: string,
    role: PlatformRole,
    event: PendingEvent,
  ): Promise<'created' | 'changed' | 'unchanged' | 'last_admin' | 'no_user'> {
    const result = await this.database.primary.execute(sql`
      with ${lockedAdmins},
      target as (select id from users where id = ${userId}::uuid),
      previous as (select role from ${platformStaff} where user_id = ${userId}::uuid),
      changed as (
        insert into ${platformStaff} (user_id, role)
        select id, ${role} from target
        on conflict (user_id) do update set role = excluded.role
          where ${platformStaff.role} <> excluded.role
            and (excluded.role = 'platform_admin' or ${anotherAdmin(userId)})
        returning user_id
      )
      select
        (select count(*) from target)::int as users,
        (select role from previous) as previous,
        (select count(*) from changed)::int as changed,
        (select ${appendEventSql(sql`${userId}::uuid`, event.draft, event.ipSealed)}
           from changed) as event_id`);
    const [row] = rowsOf<{ users: number; previous: string | null; changed: number }>(result);
    if (!row || row.users === 0) return 'no_user';
    if (row.changed > 0) return row.previous === null ? 'created' : 'changed';
    return row.previous === role ? 'unchanged' : 'last_admin';
  }

  /** Removes the role; 'last_admin' when it is the last platform admin's, 'none' without one. */
  async remove(userId: string, event: PendingEvent): Promise<'removed' | 'none' | 'last_admin'> {
    const result = await this.database.primary.execute(sql`
      with ${lockedAdmins},
      removed as (
        delete from ${platformStaff}
        where user_id = ${userId}::uuid
          and (role <> 'platform_admin' or ${anotherAdmin(userId)})
        returning user_id
      )
      select
        (select count(*) from removed)::int as removed,
        (select count(*) from ${platformStaff} where user_id = ${userId}::uuid)::int as held,
        (select ${appendEventSql(sql`${userId}::uuid`, event.draft, event.ipSealed)}
           from removed) as event_id`);
    const [row] = rowsOf<{ removed: number; held: number }>(result);
    if (row && row.removed > 0) return 'removed';
    return row && row.held > 0 ? 'last_admin' : 'none';
  }
}
