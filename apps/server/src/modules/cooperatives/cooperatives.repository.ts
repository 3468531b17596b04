import { Inject, Injectable } from '@nestjs/common';
import { and, eq, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { cooperatives } from '../../db/schema/index.js';
import { CLIENT_SECRET_VERSION_CONTEXT } from './client-secret-version.js';
import type { DataKeyCertificate } from '@cardcoop/contracts';

/** `clientSecretVersion` of `cooperatives.client_secret_hash`, computed by PostgreSQL. */
export const clientSecretVersionSql: SQL<string> = sql<string>`left(encode(sha256(convert_to(${CLIENT_SECRET_VERSION_CONTEXT} || ${cooperatives.clientSecretHash}, 'UTF8')), 'hex'), 16)`;

export type CooperativeRow = typeof cooperatives.$inferSelect;
export type NewCooperative = typeof cooperatives.$inferInsert;
/** What an admin may change in a cooperative's settings. */
export type CooperativeSettings = Partial<
  Pick<
    CooperativeRow,
    | 'displayName'
    | 'legalName'
    | 'consentPurpose'
    | 'origins'
    | 'redirectUris'
    | 'entryUrl'
    | 'level'
    | 'admission'
    | 'status'
    | 'requestedFields'
  >
>;

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

  /**
   * Changes settings on top of `expectedRevision` (compare-and-swap) and bumps the revision;
   * undefined when the cooperative is unknown or the revision is stale.
   */
  async updateSettings(
    coopname: string,
    expectedRevision: number,
    settings: CooperativeSettings,
  ): Promise<CooperativeRow | undefined> {
    const [row] = await this.database.primary
      .update(cooperatives)
      .set({ ...settings, revision: sql`${cooperatives.revision} + 1`, updatedAt: sql`now()` })
      .where(and(eq(cooperatives.coopname, coopname), eq(cooperatives.revision, expectedRevision)))
      .returning();
    return row;
  }

  async setSecretHash(coopname: string, clientSecretHash: string): Promise<boolean> {
    const rows = await this.database.primary
      .update(cooperatives)
      .set({ clientSecretHash, updatedAt: sql`now()` })
      .where(eq(cooperatives.coopname, coopname))
      .returning({ coopname: cooperatives.coopname });
    return rows.length === 1;
  }

  async setDataKey(coopname: string, dataKey: { certificate: DataKeyCertificate }): Promise<void> {
    await this.database.primary
      .update(cooperatives)
      .set({ dataKey, updatedAt: sql`now()` })
      .where(eq(cooperatives.coopname, coopname));
  }
}
