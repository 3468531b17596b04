import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** What a challenge remembers for its purpose: the account being registered or changed. */
export interface ChallengeData {
  user_id?: string;
}

/** A 6-digit code mailed to an address; only its hash is kept. */
export const emailChallenges = pgTable(
  'email_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    purpose: text('purpose', {
      enum: ['registration', 'recovery', 'deletion', 'email_change'],
    }).notNull(),
    emailLookup: text('email_lookup').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Purpose-specific state, e.g. the id reserved for the account being registered. */
    data: jsonb('data').$type<ChallengeData>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (table) => [
    index('email_challenges_lookup_idx').on(table.emailLookup, table.purpose, table.createdAt),
  ],
);
