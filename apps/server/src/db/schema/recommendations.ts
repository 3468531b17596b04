import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * Suggestions a member hid ("card-incomplete", "totp-off", "contribution-due:<id>"): one row per
 * member and key, so a hidden suggestion stays hidden on every device.
 */
export const recommendationDismissals = pgTable(
  'recommendation_dismissals',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.key] })],
);
