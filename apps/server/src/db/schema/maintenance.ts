import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Planned maintenance announced to every member in advance (a banner with start and end): shown
 * while `ends_at` is in the future.
 */
export const maintenanceAnnouncements = pgTable(
  'maintenance_announcements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    messageRu: text('message_ru').notNull(),
    messageEn: text('message_en').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('maintenance_announcements_ends_idx').on(table.endsAt)],
);
