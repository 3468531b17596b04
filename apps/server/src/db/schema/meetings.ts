import { index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { MeetingInput } from '@cardcoop/contracts';
import { cooperatives } from './cooperatives.js';
import { users } from './users.js';

/**
 * General meetings and events a cooperative publishes over its API, under its own id
 * (`external_id`): publishing the same id again updates the meeting (a new revision) or, with
 * the same body, changes nothing. Cancelled meetings stay, marked.
 */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    coopname: text('coopname')
      .notNull()
      .references(() => cooperatives.coopname),
    externalId: text('external_id').notNull(),
    /** The body as the cooperative published it (validated); what members are shown. */
    input: jsonb('input').$type<MeetingInput>().notNull(),
    /** Copies of `input`'s times for queries; milliseconds, so a list cursor names a row exactly. */
    startsAt: timestamp('starts_at', { withTimezone: true, precision: 3 }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, precision: 3 }).notNull(),
    registrationDeadline: timestamp('registration_deadline', { withTimezone: true, precision: 3 }),
    revision: integer('revision').notNull().default(1),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('meetings_coop_external_id').on(table.coopname, table.externalId),
    index('meetings_coop_starts_idx').on(table.coopname, table.startsAt, table.id),
  ],
);

/**
 * A member's answer to a meeting, with the username of their account in its cooperative (what
 * the cooperative is shown). One answer per member and meeting; a new answer replaces it.
 */
export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    username: text('username').notNull(),
    answer: text('answer', { enum: ['going', 'not_going', 'maybe'] }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique('meeting_attendance_member').on(table.meetingId, table.userId)],
);

/**
 * A member's secret calendar feed URL (one per member): only the SHA-256 of its 256-bit token is
 * kept. Rotating replaces the hash; revoking deletes the row.
 */
export const calendarFeeds = pgTable('calendar_feeds', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
