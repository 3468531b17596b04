import { Inject, Injectable } from '@nestjs/common';
import { and, eq, or } from 'drizzle-orm';
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

  /** Which of these (coopname, username) pairs are confirmed, in one query. */
  async confirmedAmong(accounts: { coopname: string; username: string }[]): Promise<Set<string>> {
    if (accounts.length === 0) return new Set();
    const rows = await this.database.db
      .select({ coopname: memberships.coopname, username: memberships.username })
      .from(memberships)
      // By (coopname, username) pairs, so the unique index on them serves the lookup.
      .where(
        or(
          ...accounts.map(({ coopname, username }) =>
            and(eq(memberships.coopname, coopname), eq(memberships.username, username)),
          ),
        ),
      );
    return new Set(rows.map((row) => `${row.coopname}/${row.username}`));
  }

  async exists(coopname: string, username: string): Promise<boolean> {
    const rows = await this.database.db
      .select({ username: memberships.username })
      .from(memberships)
      .where(and(eq(memberships.coopname, coopname), eq(memberships.username, username)));
    return rows.length > 0;
  }
}
