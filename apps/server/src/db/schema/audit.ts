import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Append-only audit log, hash-chained per subject: each event's hash covers the previous one,
 * so a deleted or edited event breaks the chain. No foreign key: the log outlives accounts.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    subjectId: uuid('subject_id').notNull(),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    ipSealed: text('ip_sealed'),
    data: jsonb('data').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /**
     * 1: hashed by the server over the whole event (events before migration 0002); 2: appended by
     * the database function `audit_append`, over the event's content digest (audit.service.ts).
     */
    hashVersion: smallint('hash_version').notNull().default(1),
  },
  (table) => [
    unique('audit_events_subject_seq').on(table.subjectId, table.seq),
    // The member's activity: one kind of event (cooperatives' reads, sign-ins) over a span of time,
    // and the sign-in history newest first, without reading the subject's whole chain.
    index('audit_events_subject_type_at_idx').on(table.subjectId, table.type, table.at, table.seq),
    // A cooperative's events (its business panel's statistics): one kind over a span of time.
    index('audit_events_coop_type_at_idx')
      .on(sql`(${table.data} ->> 'coopname')`, table.type, table.at)
      .where(sql`(${table.data} ->> 'coopname') is not null`),
  ],
);

/**
 * Periodic commitments to every subject's chain head, signed with the server's JWKS key: a
 * later rewrite of history (even of a whole chain) no longer matches a published checkpoint.
 */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  /** The last audit event the checkpoint covers. */
  lastEventId: bigint('last_event_id', { mode: 'number' }).notNull(),
  subjects: integer('subjects').notNull(),
  root: text('root').notNull(),
  /** Compact JWS (EdDSA, kid) over {root, subjects, last_event_id, at}. */
  signature: text('signature').notNull(),
});
