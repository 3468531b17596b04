import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * Notices that must reach a member at most once (reminders, a meeting's announcement): the key
 * ("meeting:<id>:24h:<starts_at>") is written in the notification's own transaction, so a job
 * run again after its node died between sending and deleting it writes nothing new (ADR 016).
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.key] }),
    // Purged with the notifications past retention.
    index('notification_deliveries_created_idx').on(table.createdAt),
  ],
);
