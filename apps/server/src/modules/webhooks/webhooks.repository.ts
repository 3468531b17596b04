import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, getTableColumns, inArray, lt, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import {
  cooperatives,
  cooperativeStaff,
  notificationPreferences,
  users,
  webhookDeliveries,
  webhookEndpoints,
  webhookEvents,
} from '../../db/schema/index.js';
import { appendEventSql } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type EventRow = typeof webhookEvents.$inferSelect;
export type DeliveryWithEvent = DeliveryRow & { event: EventRow; endpoint: EndpointRow };

/** Who changed an endpoint: the audit event goes into their chain in the same statement. */
export interface Actor {
  userId: string;
  event: PendingEvent;
}

const audited = (actor: Actor) => ({
  auditEventId: appendEventSql(sql`${actor.userId}::uuid`, actor.event.draft, actor.event.ipSealed),
});

/** Webhook endpoints, the event outbox and deliveries. */
@Injectable()
export class WebhooksRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  private get db(): AppDatabase {
    return this.database.primary;
  }

  transaction<T>(work: (tx: AppDatabase) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  endpoints(coopname: string): Promise<EndpointRow[]> {
    return this.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.coopname, coopname))
      .orderBy(asc(webhookEndpoints.createdAt));
  }

  async endpoint(coopname: string, id: string, tx: AppDatabase = this.db) {
    const [row] = await tx
      .select()
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.coopname, coopname), eq(webhookEndpoints.id, id)));
    return row;
  }

  /**
   * Inserts the endpoint unless the cooperative has `max` already (the cooperative's row is
   * locked, so two creations at once cannot both pass); undefined at the limit.
   */
  async create(
    values: { coopname: string; url: string; events: string[]; secretSealed: string; id: string },
    max: number,
    actor: Actor,
  ): Promise<EndpointRow | undefined> {
    return this.db.transaction(async (tx) => {
      await tx.execute(
        sql`select 1 from ${cooperatives} where coopname = ${values.coopname} for update`,
      );
      const [count] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.coopname, values.coopname));
      if ((count?.n ?? 0) >= max) return undefined;
      const [row] = await tx.insert(webhookEndpoints).values(values).returning();
      await tx.execute(sql`select ${audited(actor).auditEventId}`);
      return row;
    });
  }

  async update(
    coopname: string,
    id: string,
    set: Partial<
      Pick<EndpointRow, 'url' | 'events' | 'status' | 'disabledReason' | 'secretSealed'>
    >,
    actor: Actor,
  ): Promise<EndpointRow | undefined> {
    const [row] = await this.db
      .update(webhookEndpoints)
      .set({
        ...set,
        ...(set.status === 'enabled' ? { failingSince: null } : {}),
        updatedAt: sql`now()`,
      })
      .where(and(eq(webhookEndpoints.coopname, coopname), eq(webhookEndpoints.id, id)))
      .returning({ ...getTableColumns(webhookEndpoints), ...audited(actor) });
    return row;
  }

  async remove(coopname: string, id: string, actor: Actor): Promise<boolean> {
    const rows = await this.db
      .delete(webhookEndpoints)
      .where(and(eq(webhookEndpoints.coopname, coopname), eq(webhookEndpoints.id, id)))
      .returning(audited(actor));
    return rows.length === 1;
  }

  /** The cooperative's enabled endpoints subscribed to `type` (all enabled ones: `null`). */
  subscribers(tx: AppDatabase, coopname: string, type: string | null): Promise<EndpointRow[]> {
    return tx
      .select()
      .from(webhookEndpoints)
      .where(
        and(
          eq(webhookEndpoints.coopname, coopname),
          eq(webhookEndpoints.status, 'enabled'),
          type === null ? sql`true` : sql`${type} = any(${webhookEndpoints.events})`,
        ),
      );
  }

  async insertEvent(tx: AppDatabase, event: typeof webhookEvents.$inferInsert): Promise<void> {
    await tx.insert(webhookEvents).values(event);
  }

  insertDeliveries(
    tx: AppDatabase,
    rows: { endpointId: string; eventId: string; orderingKey: string | null }[],
  ): Promise<{ id: string }[]> {
    return tx
      .insert(webhookDeliveries)
      .values(rows.map((row) => ({ ...row, nextAttemptAt: sql`now()` })))
      .returning({ id: webhookDeliveries.id });
  }

  async delivery(id: string): Promise<DeliveryWithEvent | undefined> {
    const [row] = await this.db
      .select({ delivery: webhookDeliveries, event: webhookEvents, endpoint: webhookEndpoints })
      .from(webhookDeliveries)
      .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(eq(webhookDeliveries.id, id));
    return row && { ...row.delivery, event: row.event, endpoint: row.endpoint };
  }

  /** The first pending delivery of the same member to the same endpoint before this one. */
  async earlierPending(delivery: DeliveryRow): Promise<DeliveryRow | undefined> {
    if (delivery.orderingKey === null) return undefined;
    const [row] = await this.db
      .select()
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.endpointId, delivery.endpointId),
          eq(webhookDeliveries.orderingKey, delivery.orderingKey),
          eq(webhookDeliveries.status, 'pending'),
          lt(webhookDeliveries.seq, delivery.seq),
        ),
      )
      .orderBy(asc(webhookDeliveries.seq))
      .limit(1);
    return row;
  }

  /** The next pending delivery of the same member to the same endpoint, after this one. */
  async nextPending(delivery: DeliveryRow): Promise<DeliveryRow | undefined> {
    if (delivery.orderingKey === null) return undefined;
    const [row] = await this.db
      .select()
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.endpointId, delivery.endpointId),
          eq(webhookDeliveries.orderingKey, delivery.orderingKey),
          eq(webhookDeliveries.status, 'pending'),
          sql`${webhookDeliveries.seq} > ${delivery.seq}`,
        ),
      )
      .orderBy(asc(webhookDeliveries.seq))
      .limit(1);
    return row;
  }

  /**
   * Moves a pending delivery to its next job (number `jobSeq + 1`, due `at`), in `tx`; the
   * new number, or undefined when the delivery is no longer pending.
   */
  async schedule(
    tx: AppDatabase,
    id: string,
    at: Date,
    reset = false,
  ): Promise<number | undefined> {
    const [row] = await tx
      .update(webhookDeliveries)
      .set({
        jobSeq: sql`${webhookDeliveries.jobSeq} + 1`,
        nextAttemptAt: at,
        ...(reset ? { status: 'pending' as const, deliveredAt: null } : {}),
      })
      .where(
        and(
          eq(webhookDeliveries.id, id),
          reset ? sql`true` : eq(webhookDeliveries.status, 'pending'),
        ),
      )
      .returning({ jobSeq: webhookDeliveries.jobSeq });
    return row?.jobSeq;
  }

  /** Records an attempt's answer on the delivery (and the endpoint's failing streak). */
  async attempted(
    tx: AppDatabase,
    delivery: DeliveryRow,
    outcome: {
      status: DeliveryRow['status'];
      statusCode: number | null;
      error: string | null;
      nextAttemptAt: Date | null;
    },
  ): Promise<EndpointRow | undefined> {
    await tx
      .update(webhookDeliveries)
      .set({
        status: outcome.status,
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error,
        nextAttemptAt: outcome.nextAttemptAt,
        ...(outcome.status === 'delivered' ? { deliveredAt: sql`now()` } : {}),
      })
      .where(eq(webhookDeliveries.id, delivery.id));
    const [endpoint] = await tx
      .update(webhookEndpoints)
      .set({
        failingSince:
          outcome.status === 'delivered'
            ? null
            : sql`coalesce(${webhookEndpoints.failingSince}, now())`,
      })
      .where(eq(webhookEndpoints.id, delivery.endpointId))
      .returning();
    return endpoint;
  }

  /** Gives up on a pending delivery without an attempt (its endpoint is disabled or gone). */
  async abandon(id: string, error: string): Promise<void> {
    await this.db
      .update(webhookDeliveries)
      .set({ status: 'failed', lastError: error, nextAttemptAt: null })
      .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'pending')));
  }

  /**
   * Disables an endpoint (it answered 410, or failed for days), appending `event` to the chain
   * of each of the cooperative's owners in the same transaction. False (and nothing written)
   * when it was not enabled any more (disabled by its staff, or by a concurrent delivery).
   */
  async disable(
    tx: AppDatabase,
    endpoint: EndpointRow,
    reason: string,
    event: PendingEvent,
  ): Promise<boolean> {
    const disabled = await tx
      .update(webhookEndpoints)
      .set({ status: 'disabled', disabledReason: reason, updatedAt: sql`now()` })
      .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.status, 'enabled')))
      .returning({ id: webhookEndpoints.id });
    if (disabled.length === 0) return false;
    await tx.execute(sql`
      select ${appendEventSql(cooperativeStaff.userId, event.draft, event.ipSealed)}
      from ${cooperativeStaff}
      where ${cooperativeStaff.coopname} = ${endpoint.coopname} and ${cooperativeStaff.role} = 'owner'`);
    return true;
  }

  /**
   * Whom a disabled endpoint is told to: the cooperative's owners and admins (not its viewers),
   * with their sealed addresses and mail language, and the cooperative's display name.
   */
  async endpointKeepers(tx: AppDatabase, coopname: string) {
    const staff = await tx
      .select({
        userId: users.id,
        emailSealed: users.emailSealed,
        locale: notificationPreferences.locale,
      })
      .from(cooperativeStaff)
      .innerJoin(users, eq(users.id, cooperativeStaff.userId))
      .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
      .where(
        and(
          eq(cooperativeStaff.coopname, coopname),
          inArray(cooperativeStaff.role, ['owner', 'admin']),
        ),
      );
    const [cooperative] = await tx
      .select({ displayName: cooperatives.displayName })
      .from(cooperatives)
      .where(eq(cooperatives.coopname, coopname));
    return {
      displayName: cooperative?.displayName ?? coopname,
      staff: staff.map((row) => ({ ...row, locale: row.locale ?? ('ru' as const) })),
    };
  }

  /** An endpoint's deliveries, newest first, `limit` before the cursor (a `seq`). */
  async deliveries(endpointId: string, before: number | undefined, limit: number) {
    return this.db
      .select({ delivery: webhookDeliveries, type: webhookEvents.type })
      .from(webhookDeliveries)
      .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
      .where(
        and(
          eq(webhookDeliveries.endpointId, endpointId),
          before === undefined ? sql`true` : lt(webhookDeliveries.seq, before),
        ),
      )
      .orderBy(desc(webhookDeliveries.seq))
      .limit(limit);
  }

  /** A delivery to one of the cooperative's endpoints. */
  async deliveryOf(coopname: string, id: string): Promise<DeliveryRow | undefined> {
    const [row] = await this.db
      .select({ delivery: webhookDeliveries })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(and(eq(webhookDeliveries.id, id), eq(webhookEndpoints.coopname, coopname)));
    return row?.delivery;
  }

  /** Appends an audit event of a change that writes nothing else (a redelivery, a test). */
  async audit(tx: AppDatabase, actor: Actor): Promise<void> {
    await tx.execute(sql`select ${audited(actor).auditEventId}`);
  }
}
