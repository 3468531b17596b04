import { Inject, Injectable } from '@nestjs/common';
import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { cards } from '../../db/schema/index.js';
import { appendEventSql } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';
import type { CardMeta, SymmetricEnvelope } from '@cardcoop/contracts';

export type CardRow = typeof cards.$inferSelect;

@Injectable()
export class CardRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * Undefined when the member already has a card (one per member, enforced by the database).
   * The event is appended only for the row written, in the same statement.
   */
  async insert(
    userId: string,
    meta: CardMeta,
    envelope: SymmetricEnvelope,
    event: PendingEvent,
  ): Promise<CardRow | undefined> {
    const [row] = await this.database.primary
      .insert(cards)
      .values({ userId, meta, envelope })
      .onConflictDoNothing({ target: cards.userId })
      .returning({
        ...getTableColumns(cards),
        auditEventId: appendEventSql(cards.userId, event.draft, event.ipSealed),
      });
    return row;
  }

  // Every open of the card runs this: prepared once per connection.
  private readonly byUser = this.database.primary
    .select()
    .from(cards)
    .where(eq(cards.userId, sql.placeholder('userId')))
    .prepare('card_by_user');

  /** From the primary: a device that just wrote must read its own write. */
  async findByUser(userId: string): Promise<CardRow | undefined> {
    const [row] = await this.byUser.execute({ userId });
    return row;
  }

  /**
   * Writes only on top of `expectedRevision` (compare-and-swap); undefined when it is stale.
   * The event is appended in the same statement: a change never commits without it.
   */
  async update(
    userId: string,
    expectedRevision: number,
    meta: CardMeta,
    envelope: SymmetricEnvelope,
    event: PendingEvent,
  ): Promise<CardRow | undefined> {
    const [row] = await this.database.primary
      .update(cards)
      .set({ meta, envelope, revision: sql`${cards.revision} + 1`, updatedAt: sql`now()` })
      .where(and(eq(cards.userId, userId), eq(cards.revision, expectedRevision)))
      .returning({
        ...getTableColumns(cards),
        auditEventId: appendEventSql(cards.userId, event.draft, event.ipSealed),
      });
    return row;
  }
}
