import { Inject, Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { cooperatives } from '../../db/schema/index.js';

export type CooperativeRow = typeof cooperatives.$inferSelect;
export type NewCooperative = typeof cooperatives.$inferInsert;

@Injectable()
export class CooperativesRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** Undefined when the coopname is taken. */
  async insert(cooperative: NewCooperative): Promise<CooperativeRow | undefined> {
    const [row] = await this.database.primary
      .insert(cooperatives)
      .values(cooperative)
      .onConflictDoNothing()
      .returning();
    return row;
  }

  async find(coopname: string): Promise<CooperativeRow | undefined> {
    const [row] = await this.database.db
      .select()
      .from(cooperatives)
      .where(eq(cooperatives.coopname, coopname));
    return row;
  }

  async list(): Promise<CooperativeRow[]> {
    return this.database.db.select().from(cooperatives).orderBy(cooperatives.coopname);
  }

  async setSecretHash(coopname: string, clientSecretHash: string): Promise<boolean> {
    const rows = await this.database.primary
      .update(cooperatives)
      .set({ clientSecretHash, updatedAt: sql`now()` })
      .where(eq(cooperatives.coopname, coopname))
      .returning({ coopname: cooperatives.coopname });
    return rows.length === 1;
  }

  async setDataKey(coopname: string, dataKey: unknown): Promise<void> {
    await this.database.primary
      .update(cooperatives)
      .set({ dataKey, updatedAt: sql`now()` })
      .where(eq(cooperatives.coopname, coopname));
  }
}
