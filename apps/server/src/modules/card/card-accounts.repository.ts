import { Inject, Injectable } from '@nestjs/common';
import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { cardAccounts, cooperatives } from '../../db/schema/index.js';
import { appendEventSql } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';

export type NewCardAccount = typeof cardAccounts.$inferInsert;
export type CardAccountRow = typeof cardAccounts.$inferSelect & { displayName: string };

@Injectable()
export class CardAccountsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** Throws a unique violation when the username is taken or the member has one in this coop. */
  /** Inserts the account and appends its audit event in the same statement. */
  async insert(
    account: NewCardAccount,
    event: PendingEvent,
  ): Promise<typeof cardAccounts.$inferSelect> {
    const [row] = await this.database.primary
      .insert(cardAccounts)
      .values(account)
      .returning({
        ...getTableColumns(cardAccounts),
        auditEventId: appendEventSql(cardAccounts.userId, event.draft, event.ipSealed),
      });
    return row!;
  }

  private readonly accountsOf = this.database.primary
    .select({ account: cardAccounts, displayName: cooperatives.displayName })
    .from(cardAccounts)
    .innerJoin(cooperatives, eq(cardAccounts.coopname, cooperatives.coopname))
    .where(eq(cardAccounts.userId, sql.placeholder('userId')))
    .orderBy(cardAccounts.createdAt)
    .prepare('card_accounts_of_user');

  async listOf(userId: string): Promise<CardAccountRow[]> {
    const rows = await this.accountsOf.execute({ userId });
    return rows.map(({ account, displayName }) => ({ ...account, displayName }));
  }

  async findInCooperative(
    userId: string,
    coopname: string,
  ): Promise<typeof cardAccounts.$inferSelect | undefined> {
    const [row] = await this.database.primary
      .select()
      .from(cardAccounts)
      .where(and(eq(cardAccounts.userId, userId), eq(cardAccounts.coopname, coopname)));
    return row;
  }
}
