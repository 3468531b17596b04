import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, getTableColumns, isNotNull, isNull, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { cardAccounts, cooperatives, grants, tickets } from '../../db/schema/index.js';
import { appendEventSql, DRAFT_PLACEHOLDERS } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';
import type { AuditDraft } from '../audit/audit-draft.js';
import { insertCardAccount } from '../card/card-accounts.repository.js';
import type { NewCardAccount } from '../card/card-accounts.repository.js';
import { acceptedSecretVersionSql } from '../cooperatives/cooperatives.repository.js';
import type { ShareEnvelope } from '@cardcoop/contracts';
import { webhooks } from '../webhooks/webhook-events.js';

export type GrantRow = typeof grants.$inferSelect;
export type TicketRow = typeof tickets.$inferSelect;

@Injectable()
export class GrantsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  private get db() {
    return this.database.primary;
  }

  /**
   * Stores (or replaces) the member's share with a cooperative, issues its ticket and appends the
   * event (made for the grant's id) in one transaction: none of the three without the others.
   * With `account`, the member's new account in that cooperative (and its `account.added` event)
   * is made in the same transaction first: a taken username (or an open account made meanwhile)
   * fails the whole share with a unique violation, leaving nothing behind.
   */
  async share(
    grant: {
      userId: string;
      coopname: string;
      username: string;
      envelope: ShareEnvelope;
      fields: string[];
    },
    ticket: Omit<TicketRow, 'grantId' | 'redeemedAt'>,
    eventFor: (grantId: string) => PendingEvent,
    account?: { row: NewCardAccount; event: PendingEvent },
  ): Promise<GrantRow> {
    return this.db.transaction(async (tx) => {
      if (account) await insertCardAccount(tx, account.row, account.event);
      const [row] = await tx
        .insert(grants)
        .values(grant)
        .onConflictDoUpdate({
          target: [grants.username, grants.coopname],
          set: {
            envelope: grant.envelope,
            fields: grant.fields,
            sharedAt: sql`now()`,
            revokedAt: null,
          },
        })
        .returning();
      const { draft, ipSealed } = eventFor(row!.id);
      await tx
        .insert(tickets)
        .values({ ...ticket, grantId: row!.id })
        .returning({ auditEventId: appendEventSql(sql`${grant.userId}::uuid`, draft, ipSealed) });
      await webhooks.record(tx, {
        coopname: grant.coopname,
        type: 'grant.created',
        data: {
          username: grant.username,
          grant_id: row!.id,
          fields: grant.fields,
          shared_at: row!.sharedAt.toISOString(),
        },
      });
      return row!;
    });
  }

  async ticket(hash: string): Promise<TicketRow | undefined> {
    const [row] = await this.db.select().from(tickets).where(eq(tickets.hash, hash));
    return row;
  }

  /**
   * Redeems a ticket once, appending the member's event in the same statement: false when
   * another exchange got there first.
   */
  async redeem(hash: string, event: PendingEvent): Promise<boolean> {
    const rows = await this.db
      .update(tickets)
      .set({ redeemedAt: sql`now()` })
      .from(grants)
      .where(
        and(eq(tickets.hash, hash), isNull(tickets.redeemedAt), eq(grants.id, tickets.grantId)),
      )
      .returning({ auditEventId: appendEventSql(grants.userId, event.draft, event.ipSealed) });
    return rows.length === 1;
  }

  async find(id: string): Promise<GrantRow | undefined> {
    const [row] = await this.db.select().from(grants).where(eq(grants.id, id));
    return row;
  }

  /**
   * The cooperative reads a live grant of the given generation: counts the read, appends the
   * member's audit event and returns the row with the member's account key in one statement (one
   * round trip, one commit), so a read racing a revocation either sees the data or nothing, and
   * no read leaves without its audit event. The cooperative must still be active and its client
   * secret the one the token was issued under (or the previous one, during a rotation's grace
   * period): suspension and rotation end tokens at once, on every node, at the cost of a
   * primary-key probe in the same statement.
   */
  // Every read by a cooperative runs this: prepared once per connection.
  private readonly readGrant = this.db
    .update(grants)
    .set({ lastReadAt: sql`now()`, readCount: sql`${grants.readCount} + 1` })
    .from(cardAccounts)
    .where(
      and(
        eq(grants.id, sql.placeholder('id')),
        eq(grants.generation, sql.placeholder('generation')),
        eq(grants.username, sql.placeholder('username')),
        eq(grants.coopname, sql.placeholder('coopname')),
        isNull(grants.revokedAt),
        isNotNull(grants.envelope),
        eq(cardAccounts.username, grants.username),
        sql`exists (select 1 from ${cooperatives} where ${cooperatives.coopname} = ${grants.coopname} and ${cooperatives.status} = 'active' and ${acceptedSecretVersionSql(sql.placeholder('secretVersion'))})`,
      ),
    )
    .returning({
      grant: getTableColumns(grants),
      memberPublicKey: cardAccounts.publicKey,
      auditEventId: appendEventSql(grants.userId, DRAFT_PLACEHOLDERS),
    })
    .prepare('grant_read');

  async read(
    id: string,
    scope: { generation: number; username: string; coopname: string; secretVersion: string },
    audit: AuditDraft,
  ): Promise<(GrantRow & { envelope: ShareEnvelope; memberPublicKey: string }) | undefined> {
    const [row] = await this.readGrant.execute({ id, ...scope, ...audit });
    // The statement reads live grants only, whose envelope is there.
    return row?.grant.envelope
      ? { ...row.grant, envelope: row.grant.envelope, memberPublicKey: row.memberPublicKey }
      : undefined;
  }

  /** Invalidates every cooperative token issued for the grant. */
  async bumpGeneration(id: string): Promise<void> {
    await this.db
      .update(grants)
      .set({ generation: sql`${grants.generation} + 1` })
      .where(eq(grants.id, id));
  }

  /**
   * Deletes the shared ciphertext and invalidates the cooperative's tokens for it, appending the
   * member's event in the same statement.
   */
  async revoke(userId: string, coopname: string, event: PendingEvent): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await tx
        .update(grants)
        .set({ envelope: null, revokedAt: sql`now()`, generation: sql`${grants.generation} + 1` })
        .where(
          and(eq(grants.userId, userId), eq(grants.coopname, coopname), isNull(grants.revokedAt)),
        )
        .returning({
          id: grants.id,
          username: grants.username,
          revokedAt: grants.revokedAt,
          auditEventId: appendEventSql(grants.userId, event.draft, event.ipSealed),
        });
      for (const row of rows)
        await webhooks.record(tx, {
          coopname,
          type: 'grant.revoked',
          data: {
            username: row.username,
            grant_id: row.id,
            revoked_at: row.revokedAt!.toISOString(),
          },
        });
      return rows.length === 1;
    });
  }

  private readonly grantsOf = this.db
    .select({ grant: grants, displayName: cooperatives.displayName })
    .from(grants)
    .innerJoin(cooperatives, eq(grants.coopname, cooperatives.coopname))
    .where(eq(grants.userId, sql.placeholder('userId')))
    .orderBy(desc(grants.sharedAt))
    .prepare('grants_of_user');

  /** The member's grants, revoked ones included (with their dates), newest first. */
  async allOf(userId: string): Promise<(GrantRow & { displayName: string })[]> {
    const rows = await this.grantsOf.execute({ userId });
    return rows.map(({ grant, displayName }) => ({ ...grant, displayName }));
  }
}
