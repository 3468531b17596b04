import { Inject, Injectable } from '@nestjs/common';
import { and, count, desc, eq, gte, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import {
  cardAccounts,
  cardTransactions,
  cooperatives,
  grants,
  moneyOperations,
  providerWebhookEvents,
  virtualCardConditions,
  virtualCards,
} from '../../db/schema/index.js';
import { appendChangeEvent } from '../cooperatives/cooperatives.repository.js';
import type { ChangeEvent } from '../cooperatives/cooperatives.repository.js';

export type VirtualCardRow = typeof virtualCards.$inferSelect;
export type NewVirtualCard = typeof virtualCards.$inferInsert;
export type ConditionsRow = typeof virtualCardConditions.$inferSelect;
export type CardTransactionRow = typeof cardTransactions.$inferSelect;
export type NewCardTransaction = typeof cardTransactions.$inferInsert;

export interface Limits {
  perTransaction: number | null;
  daily: number | null;
  monthly: number | null;
}

/** Virtual cards, a cooperative's conditions for them, and their transactions. */
@Injectable()
export class VirtualCardsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  private get db() {
    return this.database.primary;
  }

  async insert(tx: AppDatabase, card: NewVirtualCard): Promise<VirtualCardRow> {
    const [row] = await tx.insert(virtualCards).values(card).returning();
    return row!;
  }

  /** The member's own card, or undefined (another member's card is not theirs to see). */
  async ownedBy(userId: string, cardId: string): Promise<VirtualCardRow | undefined> {
    const [row] = await this.db
      .select()
      .from(virtualCards)
      .where(and(eq(virtualCards.id, cardId), eq(virtualCards.userId, userId)));
    return row;
  }

  async find(cardId: string): Promise<VirtualCardRow | undefined> {
    const [row] = await this.db.select().from(virtualCards).where(eq(virtualCards.id, cardId));
    return row;
  }

  async byProviderId(providerCardId: string): Promise<VirtualCardRow | undefined> {
    const [row] = await this.db
      .select()
      .from(virtualCards)
      .where(eq(virtualCards.providerCardId, providerCardId));
    return row;
  }

  async listOf(userId: string): Promise<VirtualCardRow[]> {
    return this.db
      .select()
      .from(virtualCards)
      .where(eq(virtualCards.userId, userId))
      .orderBy(desc(virtualCards.issuedAt));
  }

  async listIn(coopname: string): Promise<VirtualCardRow[]> {
    return this.db
      .select()
      .from(virtualCards)
      .where(eq(virtualCards.coopname, coopname))
      .orderBy(desc(virtualCards.issuedAt));
  }

  /** Cards the member holds in the cooperative that are not closed. */
  async liveCount(userId: string, coopname: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(virtualCards)
      .where(
        and(
          eq(virtualCards.userId, userId),
          eq(virtualCards.coopname, coopname),
          ne(virtualCards.status, 'closed'),
        ),
      );
    return row?.n ?? 0;
  }

  /** Sets the status (freeze, unfreeze, close) with its event; undefined when unchanged. */
  async setStatus(
    cardId: string,
    status: VirtualCardRow['status'],
    audit: ChangeEvent,
  ): Promise<VirtualCardRow | undefined> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(virtualCards)
        .set({ status, revision: sql`${virtualCards.revision} + 1`, updatedAt: sql`now()` })
        .where(and(eq(virtualCards.id, cardId), ne(virtualCards.status, status)))
        .returning();
      if (row) await appendChangeEvent(tx, audit);
      return row;
    });
  }

  /** The provider's view of a status, applied without an event of a member (webhook). */
  async syncStatus(
    cardId: string,
    status: VirtualCardRow['status'],
    db: AppDatabase = this.db,
  ): Promise<void> {
    await db
      .update(virtualCards)
      .set({ status, revision: sql`${virtualCards.revision} + 1`, updatedAt: sql`now()` })
      .where(and(eq(virtualCards.id, cardId), ne(virtualCards.status, status)));
  }

  /** Limits on top of `expectedRevision`: undefined when the card changed meanwhile. */
  async setLimits(
    cardId: string,
    expectedRevision: number,
    limits: Limits,
    audit: ChangeEvent,
  ): Promise<VirtualCardRow | undefined> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(virtualCards)
        .set({
          limitPerTransaction: limits.perTransaction,
          limitDaily: limits.daily,
          limitMonthly: limits.monthly,
          revision: sql`${virtualCards.revision} + 1`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(virtualCards.id, cardId), eq(virtualCards.revision, expectedRevision)))
        .returning();
      if (row) await appendChangeEvent(tx, audit);
      return row;
    });
  }

  async conditions(coopname: string): Promise<ConditionsRow | undefined> {
    const [row] = await this.db
      .select()
      .from(virtualCardConditions)
      .where(eq(virtualCardConditions.coopname, coopname));
    return row;
  }

  /**
   * Writes a cooperative's conditions on top of `expectedRevision` (0: none yet) with their
   * event; undefined on a concurrent change.
   */
  async putConditions(
    coopname: string,
    expectedRevision: number,
    values: Omit<typeof virtualCardConditions.$inferInsert, 'coopname' | 'revision' | 'updatedAt'>,
    audit: ChangeEvent,
  ): Promise<ConditionsRow | undefined> {
    return this.db.transaction(async (tx) => {
      const [row] =
        expectedRevision === 0
          ? await tx
              .insert(virtualCardConditions)
              .values({ coopname, ...values })
              .onConflictDoNothing()
              .returning()
          : await tx
              .update(virtualCardConditions)
              .set({
                ...values,
                revision: sql`${virtualCardConditions.revision} + 1`,
                updatedAt: sql`now()`,
              })
              .where(
                and(
                  eq(virtualCardConditions.coopname, coopname),
                  eq(virtualCardConditions.revision, expectedRevision),
                ),
              )
              .returning();
      if (row) await appendChangeEvent(tx, audit);
      return row;
    });
  }

  /** Records a transaction the provider reported, once: false when it was already known. */
  async recordTransaction(tx: AppDatabase, row: NewCardTransaction): Promise<boolean> {
    const inserted = await tx
      .insert(cardTransactions)
      .values(row)
      .onConflictDoNothing()
      .returning({ id: cardTransactions.id });
    return inserted.length === 1;
  }

  /** A page of a card's transactions, newest first, after the keyset cursor `(at, id)`. */
  async transactions(
    cardId: string,
    filter: {
      from?: Date;
      to?: Date;
      type?: CardTransactionRow['type'];
      status?: CardTransactionRow['status'];
      after?: { at: Date; id: string };
      limit: number;
    },
  ): Promise<CardTransactionRow[]> {
    const { after } = filter;
    return this.db
      .select()
      .from(cardTransactions)
      .where(
        and(
          eq(cardTransactions.cardId, cardId),
          filter.from && gte(cardTransactions.occurredAt, filter.from),
          filter.to && lt(cardTransactions.occurredAt, filter.to),
          filter.type && eq(cardTransactions.type, filter.type),
          filter.status && eq(cardTransactions.status, filter.status),
          after &&
            or(
              lt(cardTransactions.occurredAt, after.at),
              and(eq(cardTransactions.occurredAt, after.at), lt(cardTransactions.id, after.id)),
            ),
        ),
      )
      .orderBy(desc(cardTransactions.occurredAt), desc(cardTransactions.id))
      .limit(filter.limit);
  }

  /** How many top-ups of each card are still pending. */
  async pendingTopUps(cardIds: string[]): Promise<Map<string, number>> {
    if (cardIds.length === 0) return new Map();
    const rows = await this.db
      .select({ cardId: moneyOperations.cardId, n: count() })
      .from(moneyOperations)
      .where(
        and(
          inArray(moneyOperations.cardId, cardIds),
          eq(moneyOperations.status, 'pending'),
          eq(moneyOperations.kind, 'card_topup'),
        ),
      )
      .groupBy(moneyOperations.cardId);
    return new Map(rows.map((row) => [row.cardId!, row.n]));
  }

  /** The active cooperatives the member holds an open account in. */
  async cooperativesOf(userId: string): Promise<string[]> {
    const rows = await this.database.primary
      .selectDistinct({ coopname: cardAccounts.coopname })
      .from(cardAccounts)
      .innerJoin(cooperatives, eq(cooperatives.coopname, cardAccounts.coopname))
      .where(
        and(
          eq(cardAccounts.userId, userId),
          isNull(cardAccounts.closedAt),
          eq(cooperatives.status, 'active'),
        ),
      );
    return rows.map((row) => row.coopname);
  }

  /** The fields of the member's live grant to a cooperative, or undefined without one. */
  async sharedFields(userId: string, coopname: string): Promise<string[] | undefined> {
    const [grant] = await this.database.primary
      .select({ fields: grants.fields })
      .from(grants)
      .where(
        and(eq(grants.userId, userId), eq(grants.coopname, coopname), isNull(grants.revokedAt)),
      );
    return grant?.fields;
  }

  /** Stores a provider webhook's event id: false when it was there already. */
  async rememberEvent(db: AppDatabase, eventId: string, type: string): Promise<boolean> {
    const rows = await db
      .insert(providerWebhookEvents)
      .values({ eventId, type })
      .onConflictDoNothing()
      .returning({ eventId: providerWebhookEvents.eventId });
    return rows.length === 1;
  }

  /**
   * Locks the card's row until the transaction ends (top-ups of one card one at a time) and
   * sums its top-ups not failed since `since`.
   */
  async lockAndSumTopUps(tx: AppDatabase, cardId: string, since: Date): Promise<number> {
    await tx
      .select({ id: virtualCards.id })
      .from(virtualCards)
      .where(eq(virtualCards.id, cardId))
      .for('update');
    const [row] = await tx
      .select({ total: sql<string>`coalesce(sum(${moneyOperations.amount}), 0)::text` })
      .from(moneyOperations)
      .where(
        and(
          eq(moneyOperations.cardId, cardId),
          eq(moneyOperations.kind, 'card_topup'),
          ne(moneyOperations.status, 'failed'),
          gte(moneyOperations.createdAt, since),
        ),
      );
    return Number(row?.total ?? 0);
  }
}
