import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq, getTableColumns, gt, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import { cardAccounts, cooperatives, grants } from '../../db/schema/index.js';
import { appendEventSql } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';
import { webhooks } from '../webhooks/webhook-events.js';

export type NewCardAccount = typeof cardAccounts.$inferInsert;
export type CardAccountRow = typeof cardAccounts.$inferSelect & {
  displayName: string;
  /** The cooperative's quick entry page (ADR 018), or null. */
  entryUrl: string | null;
};

/**
 * Inserts the account and appends its audit event in the same statement, on `db` (the primary,
 * or a transaction the account is part of: see `GrantsRepository.share`). Throws a unique
 * violation when the username is taken or the member has an open account in this cooperative.
 */
export async function insertCardAccount(
  db: AppDatabase,
  account: NewCardAccount,
  event: PendingEvent,
): Promise<typeof cardAccounts.$inferSelect> {
  const [row] = await db
    .insert(cardAccounts)
    .values(account)
    .returning({
      ...getTableColumns(cardAccounts),
      auditEventId: appendEventSql(cardAccounts.userId, event.draft, event.ipSealed),
    });
  await webhooks.record(db, {
    coopname: row!.coopname,
    type: 'account.opened',
    data: { username: row!.username, opened_at: row!.createdAt.toISOString() },
  });
  return row!;
}

/** A position in a cooperative's list of closed accounts: after this (closed_at, username). */
export interface ClosedAccountsCursor {
  closedAt: Date;
  username: string;
}

@Injectable()
export class CardAccountsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  insert(account: NewCardAccount, event: PendingEvent): Promise<typeof cardAccounts.$inferSelect> {
    return this.database.primary.transaction((tx) => insertCardAccount(tx, account, event));
  }

  // Open accounts first, then closed ones; each in the order they were made.
  private readonly accountsOf = this.database.primary
    .select({
      account: cardAccounts,
      displayName: cooperatives.displayName,
      entryUrl: cooperatives.entryUrl,
    })
    .from(cardAccounts)
    .innerJoin(cooperatives, eq(cardAccounts.coopname, cooperatives.coopname))
    .where(eq(cardAccounts.userId, sql.placeholder('userId')))
    .orderBy(sql`${cardAccounts.closedAt} is not null`, cardAccounts.createdAt)
    .prepare('card_accounts_of_user');

  /** All the member's accounts, closed ones included. */
  async listOf(userId: string): Promise<CardAccountRow[]> {
    const rows = await this.accountsOf.execute({ userId });
    return rows.map(({ account, displayName, entryUrl }) => ({
      ...account,
      displayName,
      entryUrl,
    }));
  }

  /** The member's open account in the cooperative (closed ones are history). */
  async findInCooperative(
    userId: string,
    coopname: string,
  ): Promise<typeof cardAccounts.$inferSelect | undefined> {
    const [row] = await this.database.primary
      .select()
      .from(cardAccounts)
      .where(
        and(
          eq(cardAccounts.userId, userId),
          eq(cardAccounts.coopname, coopname),
          isNull(cardAccounts.closedAt),
        ),
      );
    return row;
  }

  /**
   * Closes the open account `id` and revokes its live grant (ciphertext deleted, the
   * cooperative's tokens ended by the generation bump) in one transaction, each change appending
   * its event in its own statement, then `closed` (the member's notice); false when the account
   * was not open any more.
   */
  async close(
    id: string,
    events: { closed: PendingEvent; revoked: PendingEvent },
    closed: (tx: AppDatabase) => Promise<void>,
  ): Promise<boolean> {
    return this.database.primary.transaction(async (tx) => {
      const [account] = await tx
        .update(cardAccounts)
        .set({ closedAt: sql`now()` })
        .where(and(eq(cardAccounts.id, id), isNull(cardAccounts.closedAt)))
        .returning({
          username: cardAccounts.username,
          coopname: cardAccounts.coopname,
          closedAt: cardAccounts.closedAt,
          auditEventId: appendEventSql(
            cardAccounts.userId,
            events.closed.draft,
            events.closed.ipSealed,
          ),
        });
      if (!account) return false;
      const revoked = await tx
        .update(grants)
        .set({ envelope: null, revokedAt: sql`now()`, generation: sql`${grants.generation} + 1` })
        .where(
          and(
            eq(grants.username, account.username),
            eq(grants.coopname, account.coopname),
            isNull(grants.revokedAt),
          ),
        )
        .returning({
          id: grants.id,
          revokedAt: grants.revokedAt,
          auditEventId: appendEventSql(
            grants.userId,
            events.revoked.draft,
            events.revoked.ipSealed,
          ),
        });
      for (const grant of revoked)
        await webhooks.record(tx, {
          coopname: account.coopname,
          type: 'grant.revoked',
          data: {
            username: account.username,
            grant_id: grant.id,
            revoked_at: grant.revokedAt!.toISOString(),
          },
        });
      await webhooks.record(tx, {
        coopname: account.coopname,
        type: 'account.closed',
        data: { username: account.username, closed_at: account.closedAt!.toISOString() },
      });
      await closed(tx);
      return true;
    });
  }

  /** A cooperative's open accounts of members in username order, `limit` after `after`. */
  async openIn(
    coopname: string,
    after: string | undefined,
    limit: number,
  ): Promise<{ userId: string; coopname: string; username: string }[]> {
    const rows = await this.database.primary
      .select({
        userId: cardAccounts.userId,
        coopname: cardAccounts.coopname,
        username: cardAccounts.username,
      })
      .from(cardAccounts)
      .where(
        and(
          eq(cardAccounts.coopname, coopname),
          isNull(cardAccounts.closedAt),
          isNotNull(cardAccounts.userId),
          after === undefined ? undefined : gt(cardAccounts.username, after),
        ),
      )
      .orderBy(asc(cardAccounts.username))
      .limit(limit);
    return rows.map((row) => ({ ...row, userId: row.userId! }));
  }

  /** A cooperative's closed accounts in (closed_at, username) order, `limit` after `after`. */
  async closedIn(
    coopname: string,
    after: ClosedAccountsCursor | undefined,
    limit: number,
  ): Promise<{ username: string; closedAt: Date }[]> {
    const rows = await this.database.primary
      .select({ username: cardAccounts.username, closedAt: cardAccounts.closedAt })
      .from(cardAccounts)
      .where(
        and(
          eq(cardAccounts.coopname, coopname),
          isNotNull(cardAccounts.closedAt),
          after &&
            or(
              gt(cardAccounts.closedAt, after.closedAt),
              and(
                eq(cardAccounts.closedAt, after.closedAt),
                gt(cardAccounts.username, after.username),
              ),
            ),
        ),
      )
      .orderBy(asc(cardAccounts.closedAt), asc(cardAccounts.username))
      .limit(limit);
    return rows.map((row) => ({ username: row.username, closedAt: row.closedAt! }));
  }
}
