import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A member of card.coop. Identity and credentials are added by the accounts feature. */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
