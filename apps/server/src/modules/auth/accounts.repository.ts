import { Inject, Injectable } from '@nestjs/common';
import { and, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import { cardAccounts, emailReverts, privacyConsents, users } from '../../db/schema/index.js';
import { appendEvent, appendEventSql } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type NewConsent = typeof privacyConsents.$inferInsert;

/** What a password change or a recovery replaces, all at once. */
export type Credentials = Pick<
  NewUser,
  'opaqueRecord' | 'opaqueSetupVersion' | 'ksf' | 'wrappedUserKey'
> &
  Partial<Pick<NewUser, 'recoveryWrappedUserKey' | 'recoveryAuthHash' | 'recoveryKitConfirmedAt'>>;

/** A new Recovery Kit: the user key wrapped under it, and the hash of its proof. */
export type RecoveryKitWrap = Pick<NewUser, 'recoveryWrappedUserKey' | 'recoveryAuthHash'>;

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

  /** How many accounts use each KSF (for decoys), most used first. */
  async ksfTally(): Promise<{ ksf: unknown; count: number }[]> {
    const result = (await this.database.primary.execute(
      sql`select ksf, count(*)::int as count from users group by ksf order by count desc, ksf::text`,
    )) as unknown as { rows: { ksf: unknown; count: number }[] };
    return result.rows;
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

  /** Inserts the account and its privacy consent, with `event`, in the caller's transaction `tx`. */
  async insert(
    tx: AppDatabase,
    user: NewUser,
    consent: NewConsent,
    event: PendingEvent,
  ): Promise<void> {
    await tx.insert(users).values(user);
    await tx.insert(privacyConsents).values(consent);
    await appendEvent(tx, user.id!, event);
  }

  /**
   * Swaps credentials only if nobody changed them since `expectedVersion` was read
   * (compare-and-swap), then ends sessions by `endSessions` and appends the audit event
   * `eventFor` makes of how many it ended, all in one transaction: everything commits, or
   * nothing. The ids of the sessions ended, or undefined when another change won (nothing
   * written).
   */
  async replaceCredentials(
    userId: string,
    expectedVersion: number,
    credentials: Credentials,
    endSessions: (tx: AppDatabase) => Promise<string[]>,
    eventFor: (ended: number) => PendingEvent,
  ): Promise<string[] | undefined> {
    return this.database.primary.transaction(async (tx) => {
      const rows = await tx
        .update(users)
        .set({ ...credentials, credentialsVersion: expectedVersion + 1, updatedAt: sql`now()` })
        .where(and(eq(users.id, userId), eq(users.credentialsVersion, expectedVersion)))
        .returning({ id: users.id });
      if (rows.length !== 1) return undefined;
      const ended = await endSessions(tx);
      await appendEvent(tx, userId, eventFor(ended.length));
      return ended;
    });
  }

  /**
   * Marks the current Recovery Kit confirmed, with `event` in the same transaction; only the
   * first confirmation changes anything (idempotent). The time of the confirmation, or undefined
   * when there is no such account.
   */
  async confirmRecoveryKit(userId: string, event: PendingEvent): Promise<Date | undefined> {
    return this.database.primary.transaction(async (tx) => {
      const [updated] = await tx
        .update(users)
        .set({ recoveryKitConfirmedAt: sql`now()`, updatedAt: sql`now()` })
        .where(and(eq(users.id, userId), isNull(users.recoveryKitConfirmedAt)))
        .returning({ at: users.recoveryKitConfirmedAt });
      if (updated?.at) {
        await appendEvent(tx, userId, event);
        return updated.at;
      }
      const [row] = await tx
        .select({ at: users.recoveryKitConfirmedAt })
        .from(users)
        .where(eq(users.id, userId));
      return row?.at ?? undefined;
    });
  }

  /**
   * Replaces the Recovery Kit (unconfirmed until confirmed again) if the credentials are still at
   * `expectedVersion` (compare-and-swap), with `event` in the same transaction.
   */
  async replaceRecoveryKit(
    userId: string,
    expectedVersion: number,
    kit: RecoveryKitWrap,
    event: PendingEvent,
  ): Promise<boolean> {
    return this.database.primary.transaction(async (tx) => {
      const rows = await tx
        .update(users)
        .set({
          ...kit,
          recoveryKitConfirmedAt: null,
          credentialsVersion: expectedVersion + 1,
          updatedAt: sql`now()`,
        })
        .where(and(eq(users.id, userId), eq(users.credentialsVersion, expectedVersion)))
        .returning({ id: users.id });
      if (rows.length !== 1) return false;
      await appendEvent(tx, userId, event);
      return true;
    });
  }

  /** Sets when the account is deleted, with `event` in the same statement. */
  async scheduleDeletion(userId: string, due: Date, event: PendingEvent): Promise<void> {
    await this.database.primary
      .update(users)
      .set({ deletionDueAt: due })
      .where(eq(users.id, userId))
      .returning({ eventId: appendEventSql(users.id, event.draft, event.ipSealed) });
  }

  /**
   * Cancels the account's pending deletion, with `event` in the same statement; false when none
   * is pending (nothing written).
   */
  async cancelDeletion(userId: string, event: PendingEvent): Promise<boolean> {
    const rows = await this.database.primary
      .update(users)
      .set({ deletionDueAt: null })
      .where(and(eq(users.id, userId), isNotNull(users.deletionDueAt)))
      .returning({ eventId: appendEventSql(users.id, event.draft, event.ipSealed) });
    return rows.length > 0;
  }

  /**
   * Deletes every account whose deletion is due, each with the audit event `eventFor` makes of
   * it, in one transaction; cascades take sessions, codes and grants along. The ids deleted.
   */
  async deleteDue(now: Date, eventFor: (userId: string) => PendingEvent): Promise<string[]> {
    return this.database.primary.transaction(async (tx) => {
      const due = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(isNotNull(users.deletionDueAt), lte(users.deletionDueAt, now)))
        .for('update');
      if (due.length === 0) return [];
      const ids = due.map((row) => row.id);
      // The accounts outlive their member, closed (the foreign key then clears their owner).
      await tx
        .update(cardAccounts)
        .set({ closedAt: sql`coalesce(${cardAccounts.closedAt}, now())` })
        .where(inArray(cardAccounts.userId, ids));
      await tx.delete(users).where(inArray(users.id, ids));
      for (const id of ids) await appendEvent(tx, id, eventFor(id));
      return ids;
    });
  }

  /**
   * Moves the account to a new address and keeps the way back open for the old one, with
   * `event` in the same transaction: everything commits, or nothing.
   */
  async changeEmail(
    userId: string,
    next: { lookup: string; sealed: string },
    revert: { tokenHash: string; oldLookup: string; oldSealed: string; expiresAt: Date },
    event: PendingEvent,
  ): Promise<void> {
    await this.database.primary.transaction(async (tx) => {
      await tx
        .update(users)
        .set({
          emailLookup: next.lookup,
          emailSealed: next.sealed,
          emailChangedAt: sql`now()`,
          updatedAt: sql`now()`,
        })
        .where(eq(users.id, userId));
      await tx.insert(emailReverts).values({
        tokenHash: revert.tokenHash,
        userId,
        oldEmailLookup: revert.oldLookup,
        oldEmailSealed: revert.oldSealed,
        expiresAt: revert.expiresAt,
      });
      await appendEvent(tx, userId, event);
    });
  }

  /**
   * Uses a revert link once, restores the old address, ends sessions by `endSessions` and
   * appends the audit event `eventFor` makes of how many it ended, all in one transaction:
   * everything commits, or nothing. Undefined when the link is not live (nothing written).
   */
  async revertEmail(
    tokenHash: string,
    endSessions: (tx: AppDatabase, userId: string) => Promise<string[]>,
    eventFor: (userId: string, ended: number) => PendingEvent,
  ): Promise<{ userId: string; ended: string[] } | undefined> {
    return this.database.primary.transaction(async (tx) => {
      const [revert] = await tx
        .update(emailReverts)
        .set({ usedAt: sql`now()` })
        .where(
          and(
            eq(emailReverts.tokenHash, tokenHash),
            isNull(emailReverts.usedAt),
            sql`${emailReverts.expiresAt} > now()`,
          ),
        )
        .returning();
      if (!revert) return undefined;
      await tx
        .update(users)
        .set({
          emailLookup: revert.oldEmailLookup,
          emailSealed: revert.oldEmailSealed,
          updatedAt: sql`now()`,
        })
        .where(eq(users.id, revert.userId));
      const ended = await endSessions(tx, revert.userId);
      await appendEvent(tx, revert.userId, eventFor(revert.userId, ended.length));
      return { userId: revert.userId, ended };
    });
  }
}
