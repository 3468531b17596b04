import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ChannelSwitches, NotificationType } from '@cardcoop/contracts';
import { users } from './users.js';

/**
 * The member's notification centre. `data` is the type's small payload (no personal data beyond
 * what the member sees in the app). `digest_pending`: its e-mail waits for the daily digest.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').$type<NotificationType>().notNull(),
    coopname: text('coopname'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    digestPending: boolean('digest_pending').notNull().default(false),
  },
  (table) => [
    // The centre's keyset order, newest first.
    index('notifications_user_created_idx').on(
      table.userId,
      table.createdAt.desc(),
      table.id.desc(),
    ),
    index('notifications_unread_idx')
      .on(table.userId)
      .where(sql`${table.readAt} is null`),
    index('notifications_digest_idx')
      .on(table.userId)
      .where(sql`${table.digestPending}`),
    // The retention purge.
    index('notifications_created_idx').on(table.createdAt),
  ],
);

/**
 * A member's choices; no row means the defaults (everything on, no digest). `locale` is the
 * language of the member's latest request that caused a notification: mails caused by a
 * cooperative (a read of the member's data) go out in it.
 */
export const notificationPreferences = pgTable('notification_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Only the switches a member turned off: `{ "grant.read": { "email": false } }`. */
  channels: jsonb('channels')
    .$type<Partial<Record<NotificationType, Partial<ChannelSwitches>>>>()
    .notNull()
    .default({}),
  dailyDigest: boolean('daily_digest').notNull().default(false),
  locale: text('locale').$type<'ru' | 'en'>().notNull().default('ru'),
  revision: integer('revision').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
