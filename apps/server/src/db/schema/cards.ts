import { integer, jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';
import type { CardMeta, SymmetricEnvelope } from '@cardcoop/contracts';

/**
 * The member card: one per member, an envelope only the member's user key opens, and a
 * revision that every write must name (optimistic concurrency across devices).
 */
export const cards = pgTable('cards', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: 'cascade' }),
  revision: integer('revision').notNull().default(1),
  meta: jsonb('meta').$type<CardMeta>().notNull(),
  envelope: jsonb('envelope').$type<SymmetricEnvelope>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
