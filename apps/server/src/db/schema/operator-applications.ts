import { sql } from 'drizzle-orm';
import {
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ApplicationFormDraft } from '@cardcoop/contracts';
import { cooperatives } from './cooperatives.js';
import { users } from './users.js';

/** Raw bytes (PostgreSQL bytea): node-postgres reads a Buffer, PGlite a Uint8Array. */
const documentBytes = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
  toDriver: (value) => value,
});

export const APPLICATION_STATUS_VALUES = [
  'draft',
  'submitted',
  'changes_requested',
  'approved',
  'rejected',
] as const;
export const DOCUMENT_KIND_VALUES = [
  'charter',
  'egrul_extract',
  'chairman_decision',
  'other',
] as const;

/**
 * A cooperative's application to the payment-system operator for the extended level (Aifory
 * virtual cards). At most one that is not rejected per cooperative; a rejected one stays as
 * history and the cooperative may start another.
 */
export const operatorApplications = pgTable(
  'operator_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    coopname: text('coopname')
      .notNull()
      .references(() => cooperatives.coopname, { onDelete: 'cascade' }),
    status: text('status', { enum: APPLICATION_STATUS_VALUES }).notNull().default('draft'),
    /** The organization's details as the cooperative typed them (validated by the contracts). */
    form: jsonb('form').$type<ApplicationFormDraft>().notNull().default({}),
    /** Bumped by every form edit: two staff members never silently overwrite each other. */
    revision: integer('revision').notNull().default(1),
    /** The operator's reason for the last "changes requested" or "rejected". */
    decisionReason: text('decision_reason'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('operator_applications_one_open')
      .on(table.coopname)
      .where(sql`${table.status} <> 'rejected'`),
    // The review queue: one status, oldest submission first.
    index('operator_applications_queue_idx').on(table.status, table.submittedAt),
  ],
);

/**
 * A document of an application (one per kind; uploading a kind again replaces it): the file
 * itself, its sniffed type, size and SHA-256. Kept apart so that reading an application never
 * loads the files.
 */
export const operatorApplicationDocuments = pgTable(
  'operator_application_documents',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => operatorApplications.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: DOCUMENT_KIND_VALUES }).notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type', {
      enum: ['application/pdf', 'image/jpeg', 'image/png'],
    }).notNull(),
    size: integer('size').notNull(),
    /** SHA-256 of `content`, hex. */
    sha256: text('sha256').notNull(),
    content: documentBytes('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.applicationId, table.kind] })],
);
