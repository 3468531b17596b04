import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import { pushSubscriptions } from '../../db/schema/index.js';
import { appendEvent } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;

/** A member's browsers kept at most: each notice is one job per browser. */
export const MAX_SUBSCRIPTIONS = 20;

export interface NewPushSubscription {
  userId: string;
  endpointLookup: string;
  subscriptionSealed: string;
  label: string | null;
}

@Injectable()
export class PushSubscriptionsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  private get db() {
    return this.database.primary;
  }

  /**
   * Stores the browser's subscription for `userId`, with its audit event. An endpoint already
   * known (the same browser subscribing again, or another member now signed in on it) is taken
   * over: a browser delivers to whoever subscribed it last. Beyond `MAX_SUBSCRIPTIONS`, the
   * member's oldest are dropped.
   */
  async save(row: NewPushSubscription, event: PendingEvent): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx
        .insert(pushSubscriptions)
        .values(row)
        .onConflictDoUpdate({
          target: pushSubscriptions.endpointLookup,
          set: {
            userId: row.userId,
            subscriptionSealed: row.subscriptionSealed,
            label: row.label,
            failures: 0,
          },
        });
      const newest = tx
        .select({ id: pushSubscriptions.id })
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.userId, row.userId))
        .orderBy(desc(pushSubscriptions.createdAt), desc(pushSubscriptions.id))
        .limit(MAX_SUBSCRIPTIONS);
      await tx
        .delete(pushSubscriptions)
        .where(
          and(eq(pushSubscriptions.userId, row.userId), notInArray(pushSubscriptions.id, newest)),
        );
      await appendEvent(tx, row.userId, event);
    });
  }

  /** Deletes the member's subscription found by any of `lookups`; false when none was there. */
  async remove(userId: string, lookups: string[], event: PendingEvent): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const deleted = await tx
        .delete(pushSubscriptions)
        .where(
          and(
            eq(pushSubscriptions.userId, userId),
            inArray(pushSubscriptions.endpointLookup, lookups),
          ),
        )
        .returning({ id: pushSubscriptions.id });
      if (deleted.length === 0) return false;
      await appendEvent(tx, userId, event);
      return true;
    });
  }

  /** Deletes a subscription the push service says is gone (404/410), with the member's event. */
  async expire(id: string, eventFor: (userId: string) => PendingEvent): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [deleted] = await tx
        .delete(pushSubscriptions)
        .where(eq(pushSubscriptions.id, id))
        .returning({ userId: pushSubscriptions.userId });
      if (deleted) await appendEvent(tx, deleted.userId, eventFor(deleted.userId));
    });
  }

  async list(userId: string): Promise<PushSubscriptionRow[]> {
    return this.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, userId))
      .orderBy(asc(pushSubscriptions.createdAt));
  }

  /** The ids of the member's subscriptions, read in the notice's transaction. */
  async idsOf(tx: AppDatabase, userId: string): Promise<string[]> {
    const rows = await tx
      .select({ id: pushSubscriptions.id })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, userId));
    return rows.map((row) => row.id);
  }

  async byId(id: string): Promise<PushSubscriptionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.id, id));
    return row;
  }

  async delivered(id: string): Promise<void> {
    await this.db
      .update(pushSubscriptions)
      .set({ lastSuccessAt: sql`now()`, failures: 0 })
      .where(eq(pushSubscriptions.id, id));
  }

  async failed(id: string): Promise<void> {
    await this.db
      .update(pushSubscriptions)
      .set({ failures: sql`${pushSubscriptions.failures} + 1` })
      .where(eq(pushSubscriptions.id, id));
  }
}
