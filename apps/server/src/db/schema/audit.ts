import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

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
  },
  (table) => [
    unique('audit_events_subject_seq').on(table.subjectId, table.seq),
    index('audit_events_at_idx').on(table.at),
  ],
);
