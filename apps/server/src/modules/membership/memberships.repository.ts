import { Inject, Injectable } from '@nestjs/common';
import { and, eq, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { cardAccounts, memberships } from '../../db/schema/index.js';
import type { AppDatabase } from '../../db/database.js';
import { appendEvent } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';
import { webhooks } from '../webhooks/webhook-events.js';

/**
 * The audit event of a membership change, made for the member holding the account (null: no
 * member holds it): whose chain it goes to and the event, or none.
 */
export type MembershipAudit = (
  holder: string | null,
) => { subjectId: string; event: PendingEvent } | undefined;

@Injectable()
export class MembershipsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * Confirms the membership; when it was not confirmed before, answers when it became so and the
   * member holding the open account `username` there (null: no such account, or none open).
   */
  async confirm(
    coopname: string,
    username: string,
    audit?: MembershipAudit,
  ): Promise<{ confirmedAt: Date; userId: string | null } | undefined> {
    return this.database.primary.transaction(async (tx) => {
      const [row] = await tx
        .insert(memberships)
        .values({ coopname, username })
        .onConflictDoNothing()
        .returning({
          confirmedAt: memberships.confirmedAt,
          userId: sql<
            string | null
          >`(select ${cardAccounts.userId} from ${cardAccounts} where ${cardAccounts.coopname} = ${coopname} and ${cardAccounts.username} = ${username} and ${cardAccounts.closedAt} is null)`,
        });
      if (row)
        await webhooks.record(tx, {
          coopname,
          type: 'membership.changed',
          data: { username, status: 'confirmed', changed_at: row.confirmedAt.toISOString() },
        });
      if (row) await this.appendAudit(tx, coopname, username, audit);
      return row;
    });
  }

  /** Ends the membership; false when there was none. */
  async revoke(coopname: string, username: string, audit?: MembershipAudit): Promise<boolean> {
    return this.database.primary.transaction(async (tx) => {
      const rows = await tx
        .delete(memberships)
        .where(and(eq(memberships.coopname, coopname), eq(memberships.username, username)))
        .returning({ username: memberships.username });
      if (rows.length > 0)
        await webhooks.record(tx, {
          coopname,
          type: 'membership.changed',
          data: { username, status: 'ended', changed_at: new Date().toISOString() },
        });
      if (rows.length > 0) await this.appendAudit(tx, coopname, username, audit);
      return rows.length > 0;
    });
  }

  /** Appends the change's event in its transaction, for the account's holder (open or closed). */
  private async appendAudit(
    tx: AppDatabase,
    coopname: string,
    username: string,
    audit: MembershipAudit | undefined,
  ): Promise<void> {
    if (!audit) return;
    const [account] = await tx
      .select({ userId: cardAccounts.userId })
      .from(cardAccounts)
      .where(and(eq(cardAccounts.coopname, coopname), eq(cardAccounts.username, username)));
    const pending = audit(account?.userId ?? null);
    if (!pending) return;
    const { subjectId, event } = pending;
    await appendEvent(tx, subjectId, event);
  }

  /**
   * Candidates for the pairs: the unique (coopname, username) index answers both arrays in one
   * scan; a candidate that mixes one pair's cooperative with another's username is filtered out.
   */
  private readonly confirmedCandidates = this.database.primary
    .select({ coopname: memberships.coopname, username: memberships.username })
    .from(memberships)
    .where(
      and(
        sql`${memberships.coopname} = any(${sql.placeholder('coopnames')})`,
        sql`${memberships.username} = any(${sql.placeholder('usernames')})`,
      ),
    )
    .prepare('memberships_confirmed_among');

  /** Which of these (coopname, username) pairs are confirmed, in one query. */
  async confirmedAmong(accounts: { coopname: string; username: string }[]): Promise<Set<string>> {
    if (accounts.length === 0) return new Set();
    const wanted = new Set(accounts.map(({ coopname, username }) => `${coopname}/${username}`));
    const rows = await this.confirmedCandidates.execute({
      coopnames: accounts.map((account) => account.coopname),
      usernames: accounts.map((account) => account.username),
    });
    return new Set(
      rows.map((row) => `${row.coopname}/${row.username}`).filter((pair) => wanted.has(pair)),
    );
  }

  async exists(coopname: string, username: string): Promise<boolean> {
    const rows = await this.database.primary
      .select({ username: memberships.username })
      .from(memberships)
      .where(and(eq(memberships.coopname, coopname), eq(memberships.username, username)));
    return rows.length > 0;
  }
}
