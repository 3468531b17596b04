import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * A browser's web push subscription of a member. The endpoint is a capability URL naming one
 * browser install (personal data, and whoever holds it with the keys can push to the member), so
 * the endpoint and its keys are sealed (AAD = the member's id) and found by an HMAC lookup, like
 * e-mail. `label` is a short device description ("Chrome, Android") for the member's own list.
 */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endpointLookup: text('endpoint_lookup').notNull().unique(),
    /** `{ endpoint, p256dh, auth }`, sealed. */
    subscriptionSealed: text('subscription_sealed').notNull(),
    label: text('label'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    /** Failed deliveries since the last success. */
    failures: integer('failures').notNull().default(0),
  },
  (table) => [index('push_subscriptions_user_idx').on(table.userId)],
);
