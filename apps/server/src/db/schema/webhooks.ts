import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { cooperatives } from './cooperatives.js';

export const WEBHOOK_ENDPOINT_STATUSES = ['enabled', 'disabled'] as const;
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/**
 * Where a cooperative wants its events posted (at most 5 per cooperative). The signing secret
 * (`whsec_…`, Standard Webhooks) is sealed: the server must sign with it, so it cannot be hashed.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    coopname: text('coopname')
      .notNull()
      .references(() => cooperatives.coopname, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    events: text('events').array().notNull(),
    secretSealed: text('secret_sealed').notNull(),
    status: text('status', { enum: WEBHOOK_ENDPOINT_STATUSES }).notNull().default('enabled'),
    disabledReason: text('disabled_reason'),
    /** The first failed attempt since the last delivered one; 3 days of failures disable it. */
    failingSince: timestamp('failing_since', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('webhook_endpoints_coopname_idx').on(table.coopname)],
);

/**
 * The outbox of events for cooperatives, written in the transaction of the change that causes
 * them. The payload holds no personal data: usernames, ids, field names, statuses, amounts.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    /** `evt_…`: the `webhook-id` of every delivery and retry of this event. */
    id: text('id').primaryKey(),
    coopname: text('coopname')
      .notNull()
      .references(() => cooperatives.coopname, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('webhook_events_coopname_idx').on(table.coopname, table.createdAt)],
);

/** One event to one endpoint: its attempts, last answer and when it is tried next. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Creation order: deliveries of one member to one endpoint go out in this order. */
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: text('event_id')
      .notNull()
      .references(() => webhookEvents.id, { onDelete: 'cascade' }),
    /** The member the event is about (ordering), null for events about no member. */
    orderingKey: text('ordering_key'),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Bumped each time a job is queued for it; a job of an older number is stale. */
    jobSeq: integer('job_seq').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('webhook_deliveries_endpoint_idx').on(table.endpointId, table.seq),
    // The deliveries of an event: its cascade and the retention of events left without any.
    index('webhook_deliveries_event_idx').on(table.eventId),
    // Finished deliveries by age: the retention task.
    index('webhook_deliveries_finished_idx')
      .on(table.createdAt)
      .where(sql`status in ('delivered', 'failed')`),
    index('webhook_deliveries_pending_idx')
      .on(table.endpointId, table.orderingKey, table.seq)
      .where(sql`status = 'pending'`),
  ],
);
