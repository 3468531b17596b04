import { Inject, Injectable } from '@nestjs/common';
import { and, eq, gt, isNotNull, or, sql } from 'drizzle-orm';
import type { SQL, SQLWrapper } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import { cardAccounts, cooperatives } from '../../db/schema/index.js';
import { appendEvent } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';
import { CLIENT_SECRET_VERSION_CONTEXT } from './client-secret-version.js';
import type { DataKeyCertificate } from '@cardcoop/contracts';

const secretVersionOf = (hash: SQLWrapper): SQL<string> =>
  sql<string>`left(encode(sha256(convert_to(${CLIENT_SECRET_VERSION_CONTEXT} || ${hash}, 'UTF8')), 'hex'), 16)`;

/** `clientSecretVersion` of `cooperatives.client_secret_hash`, computed by PostgreSQL. */
export const clientSecretVersionSql: SQL<string> = secretVersionOf(cooperatives.clientSecretHash);

/**
 * Whether a cooperative token of secret version `version` is still good: issued under the
 * current client secret, or under the previous one while its grace period lasts (a rotation
 * with `grace_minutes`).
 */
export const acceptedSecretVersionSql = (version: SQLWrapper): SQL<boolean> =>
  sql<boolean>`(${clientSecretVersionSql} = ${version} or (${cooperatives.previousClientSecretValidUntil} > now() and ${secretVersionOf(cooperatives.previousClientSecretHash)} = ${version}))`;

/** An audit event to append in the transaction of the change it records (who made it: subject). */
export interface ChangeEvent {
  subjectId: string;
  event: PendingEvent;
}

/** Appends `audit` in the transaction `db` of the change it records. */
export async function appendChangeEvent(db: AppDatabase, audit: ChangeEvent): Promise<void> {
  await appendEvent(db, audit.subjectId, audit.event);
}

export type CooperativeRow = typeof cooperatives.$inferSelect;

/**
 * A cooperative a member may see: active, and verified — or unverified with an open account of
 * theirs (a test member of an integration under test, ADR 019).
 */
const openTo = (userId: string): SQL | undefined =>
  and(
    eq(cooperatives.status, 'active'),
    or(
      isNotNull(cooperatives.verifiedAt),
      sql`exists (select 1 from ${cardAccounts} where ${cardAccounts.coopname} = ${cooperatives.coopname} and ${cardAccounts.userId} = ${userId} and ${cardAccounts.closedAt} is null)`,
    ),
  );
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
    | 'fieldReasons'
    | 'description'
    | 'siteUrl'
  >
>;

@Injectable()
export class CooperativesRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** Undefined when the coopname is taken. */
  /** Inserts a new cooperative (undefined: the name is taken), with its event when given. */
  async insert(
    cooperative: NewCooperative,
    audit?: ChangeEvent,
  ): Promise<CooperativeRow | undefined> {
    return this.database.primary.transaction(async (tx) => {
      const [row] = await tx
        .insert(cooperatives)
        .values(cooperative)
        .onConflictDoNothing()
        .returning();
      if (row && audit) await appendChangeEvent(tx, audit);
      return row;
    });
  }

  async find(coopname: string): Promise<CooperativeRow | undefined> {
    const [row] = await this.database.primary
      .select()
      .from(cooperatives)
      .where(eq(cooperatives.coopname, coopname));
    return row;
  }

  async list(): Promise<CooperativeRow[]> {
    return this.database.primary.select().from(cooperatives).orderBy(cooperatives.coopname);
  }

  /**
   * Up to `limit` cooperatives by coopname, those after `after` if given (keyset), only those
   * open to the member `userId` if given (`openTo`).
   */
  async listAfter(
    after: string | undefined,
    limit: number,
    userId?: string,
  ): Promise<CooperativeRow[]> {
    return this.database.primary
      .select()
      .from(cooperatives)
      .where(
        and(
          after === undefined ? undefined : gt(cooperatives.coopname, after),
          userId === undefined ? undefined : openTo(userId),
        ),
      )
      .orderBy(cooperatives.coopname)
      .limit(limit);
  }

  /**
   * Changes settings on top of `expectedRevision` (compare-and-swap) and bumps the revision;
   * undefined when the cooperative is unknown or the revision is stale.
   */
  async updateSettings(
    coopname: string,
    expectedRevision: number,
    settings: CooperativeSettings,
    audit?: ChangeEvent,
  ): Promise<CooperativeRow | undefined> {
    return this.audited(audit, async (db) => {
      const [row] = await db
        .update(cooperatives)
        .set({ ...settings, revision: sql`${cooperatives.revision} + 1`, updatedAt: sql`now()` })
        .where(
          and(eq(cooperatives.coopname, coopname), eq(cooperatives.revision, expectedRevision)),
        )
        .returning();
      return row;
    });
  }

  /**
   * Replaces the client secret. With a grace period the one replaced keeps working until its
   * end (only the last one replaced: a second rotation ends the first one's grace at once);
   * without, it stops at once.
   */
  async replaceSecret(
    coopname: string,
    clientSecretHash: string,
    graceMinutes: number,
    audit?: ChangeEvent,
  ): Promise<CooperativeRow | undefined> {
    const grace = graceMinutes > 0;
    return this.audited(audit, async (db) => {
      const [row] = await db
        .update(cooperatives)
        .set({
          clientSecretHash,
          clientSecretRotatedAt: sql`now()`,
          previousClientSecretHash: grace ? sql`${cooperatives.clientSecretHash}` : null,
          previousClientSecretValidUntil: grace
            ? sql`now() + make_interval(mins => ${graceMinutes}::int)`
            : null,
          updatedAt: sql`now()`,
        })
        .where(eq(cooperatives.coopname, coopname))
        .returning();
      return row;
    });
  }

  async setDataKey(
    coopname: string,
    dataKey: { certificate: DataKeyCertificate },
    audit?: ChangeEvent,
  ): Promise<void> {
    await this.audited(audit, async (db) => {
      const [row] = await db
        .update(cooperatives)
        .set({ dataKey, updatedAt: sql`now()` })
        .where(eq(cooperatives.coopname, coopname))
        .returning({ coopname: cooperatives.coopname });
      return row;
    });
  }

  /**
   * Runs a change and, when it changed a row, appends its audit event in the same transaction
   * (both commit or neither does).
   */
  private async audited<T>(
    audit: ChangeEvent | undefined,
    change: (db: AppDatabase) => Promise<T | undefined>,
  ): Promise<T | undefined> {
    if (!audit) return change(this.database.primary);
    return this.database.primary.transaction(async (tx) => {
      const db = tx as unknown as AppDatabase;
      const row = await change(db);
      if (row !== undefined) await appendChangeEvent(db, audit);
      return row;
    });
  }
}
