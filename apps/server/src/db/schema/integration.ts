import { customType, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { cooperatives } from './cooperatives.js';

/** Raw bytes (PostgreSQL bytea): node-postgres reads a Buffer, PGlite a Uint8Array. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
  toDriver: (value) => value,
});

/**
 * A cooperative's logo shown on the consent screen: the image itself (≤ 200 KB, PNG, JPEG or
 * WebP, its type sniffed from the bytes), kept apart from the cooperative's row so that reading
 * a cooperative never loads it.
 */
export const cooperativeLogos = pgTable('cooperative_logos', {
  coopname: text('coopname')
    .primaryKey()
    .references(() => cooperatives.coopname, { onDelete: 'cascade' }),
  contentType: text('content_type', { enum: ['image/png', 'image/jpeg', 'image/webp'] }).notNull(),
  data: bytea('data').notNull(),
  /** SHA-256 of `data` (hex): the ETag, and the logo URL's version. */
  sha256: text('sha256').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
