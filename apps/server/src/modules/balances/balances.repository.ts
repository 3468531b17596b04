import { Inject, Injectable } from '@nestjs/common';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { BalancesInput } from '@cardcoop/contracts';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import { balances, cardAccounts } from '../../db/schema/index.js';
import { appendEventSql } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';
import type { AccountBalances, AccountRef } from './balance.provider.js';

/** What a push did: nothing (no such open account), nothing new, or a change for this member. */
export type PushOutcome = { found: false } | { found: true; userId: string; changed: boolean };

@Injectable()
export class BalancesRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * Replaces the balances of the open account `username` in `coopname` and appends the member's
   * event in the same statement, inside a transaction that holds the account open meanwhile. A
   * push equal to what is stored, or older (`as_of`) than it, changes nothing and records
   * nothing (idempotent; a late retry never overwrites newer figures). `changed` runs in the
   * same transaction after a change (the member's notice is written with it).
   */
  async replace(
    coopname: string,
    username: string,
    input: BalancesInput,
    eventFor: (userId: string) => PendingEvent,
    changed: (tx: AppDatabase, userId: string) => Promise<void>,
  ): Promise<PushOutcome> {
    return this.database.primary.transaction(async (tx) => {
      const [account] = await tx
        .select({ userId: cardAccounts.userId })
        .from(cardAccounts)
        .where(
          and(
            eq(cardAccounts.username, username),
            eq(cardAccounts.coopname, coopname),
            isNull(cardAccounts.closedAt),
          ),
        )
        .for('share');
      if (!account?.userId) return { found: false };
      const { draft, ipSealed } = eventFor(account.userId);
      const rows = await tx
        .insert(balances)
        .values({ coopname, username, funds: input.funds, asOf: new Date(input.as_of) })
        .onConflictDoUpdate({
          target: [balances.coopname, balances.username],
          set: { funds: sql`excluded.funds`, asOf: sql`excluded.as_of`, updatedAt: sql`now()` },
          // An older push arriving late (a retry) never overwrites a newer one.
          setWhere: sql`excluded.as_of >= ${balances.asOf} and (${balances.funds}, ${balances.asOf}) is distinct from (excluded.funds, excluded.as_of)`,
        })
        .returning({
          auditEventId: appendEventSql(sql`${account.userId}::uuid`, draft, ipSealed),
        });
      if (rows.length === 1) await changed(tx, account.userId);
      return { found: true, userId: account.userId, changed: rows.length === 1 };
    });
  }

  /**
   * The stored balances of exactly these accounts, in one query: by (coopname, username) pairs,
   * so the unique index finds each row (by username alone it would read the whole index).
   */
  async of(accounts: AccountRef[]): Promise<(AccountRef & AccountBalances)[]> {
    if (accounts.length === 0) return [];
    const pairs = accounts.map((account) => sql`(${account.coopname}, ${account.username})`);
    return this.database.primary
      .select({
        coopname: balances.coopname,
        username: balances.username,
        funds: balances.funds,
        asOf: balances.asOf,
      })
      .from(balances)
      .where(sql`(${balances.coopname}, ${balances.username}) in (${sql.join(pairs, sql`, `)})`);
  }
}
