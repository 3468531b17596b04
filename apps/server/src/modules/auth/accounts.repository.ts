import { Inject, Injectable } from '@nestjs/common';
import { eq, inArray } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import { privacyConsents, users } from '../../db/schema/index.js';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type NewConsent = typeof privacyConsents.$inferInsert;

@Injectable()
export class AccountsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async findByEmailLookups(lookups: string[]): Promise<UserRow | undefined> {
    const [row] = await this.database.primary
      .select()
      .from(users)
      .where(inArray(users.emailLookup, lookups));
    return row;
  }

  async findById(id: string): Promise<UserRow | undefined> {
    const [row] = await this.database.primary.select().from(users).where(eq(users.id, id));
    return row;
  }

  async existsByEmailLookups(lookups: string[]): Promise<boolean> {
    const rows = await this.database.primary
      .select({ id: users.id })
      .from(users)
      .where(inArray(users.emailLookup, lookups));
    return rows.length > 0;
  }

  /** Runs `work` in one transaction on the primary. */
  transaction<T>(work: (tx: AppDatabase) => Promise<T>): Promise<T> {
    return this.database.primary.transaction((tx) => work(tx as unknown as AppDatabase));
  }

  async insert(tx: AppDatabase, user: NewUser, consent: NewConsent): Promise<void> {
    await tx.insert(users).values(user);
    await tx.insert(privacyConsents).values(consent);
  }
}
