import { Inject, Injectable } from '@nestjs/common';
import { and, eq } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { memberships } from '../../db/schema/index.js';

@Injectable()
export class MembershipsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async confirm(coopname: string, username: string): Promise<void> {
    await this.database.primary
      .insert(memberships)
      .values({ coopname, username })
      .onConflictDoNothing();
  }

  async revoke(coopname: string, username: string): Promise<void> {
    await this.database.primary
      .delete(memberships)
      .where(and(eq(memberships.coopname, coopname), eq(memberships.username, username)));
  }

  async exists(coopname: string, username: string): Promise<boolean> {
    const rows = await this.database.db
      .select({ username: memberships.username })
      .from(memberships)
      .where(and(eq(memberships.coopname, coopname), eq(memberships.username, username)));
    return rows.length > 0;
  }
}
