import { Inject, Injectable } from '@nestjs/common';
import { and, eq } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { cooperativeStaff, platformStaff } from '../../db/schema/index.js';
import type { CooperativeRole, PlatformRole } from '../../db/schema/index.js';

/** The roles the policy guard compares with the table: one indexed read each. */
@Injectable()
export class RolesRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async cooperativeRole(coopname: string, userId: string): Promise<CooperativeRole | undefined> {
    const [row] = await this.database.primary
      .select({ role: cooperativeStaff.role })
      .from(cooperativeStaff)
      .where(and(eq(cooperativeStaff.coopname, coopname), eq(cooperativeStaff.userId, userId)));
    return row?.role;
  }

  async platformRole(userId: string): Promise<PlatformRole | undefined> {
    const [row] = await this.database.primary
      .select({ role: platformStaff.role })
      .from(platformStaff)
      .where(eq(platformStaff.userId, userId));
    return row?.role;
  }
}
