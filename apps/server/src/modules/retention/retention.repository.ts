import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { RETENTION } from './retention-periods.js';

const DAY_MS = 86_400_000;

/** One kind of row past retention: a table and the condition, given the run's time. */
export interface RetentionRule {
  name: string;
  table: string;
  where: (now: Date) => SQL;
}

const before = (now: Date, days: number) =>
  sql`${new Date(now.getTime() - days * DAY_MS).toISOString()}::timestamptz`;

/** Every rule, in an order where a parent's rows go after the rows that only it would reach. */
export const RETENTION_RULES: readonly RetentionRule[] = [
  {
    name: 'tickets',
    table: 'tickets',
    where: (now) => sql`expires_at < ${before(now, RETENTION.ticketsAfterExpiryDays)}`,
  },
  {
    name: 'refresh_tokens',
    table: 'refresh_tokens',
    where: (now) => {
      const ended = before(now, RETENTION.refreshTokensAfterSessionEndDays);
      return sql`session_id in (select id from sessions
        where least(revoked_at, expires_at) < ${ended})`;
    },
  },
  {
    // Their refresh tokens go with them (on delete cascade).
    name: 'sessions',
    table: 'sessions',
    where: (now) => {
      const ended = before(now, RETENTION.endedSessionsDays);
      // When it ended: `least` skips a null `revoked_at` (index sessions_ended_idx).
      return sql`least(revoked_at, expires_at) < ${ended}`;
    },
  },
  {
    name: 'notifications',
    table: 'notifications',
    where: (now) => sql`created_at < ${before(now, RETENTION.notificationsDays)}
      or (read_at is not null and created_at < ${before(now, RETENTION.readNotificationsDays)})`,
  },
  {
    name: 'notification_deliveries',
    table: 'notification_deliveries',
    where: (now) => sql`created_at < ${before(now, RETENTION.notificationsDays)}`,
  },
  {
    name: 'email_challenges',
    table: 'email_challenges',
    where: (now) => sql`expires_at < ${before(now, RETENTION.emailChallengesAfterExpiryDays)}`,
  },
  {
    name: 'login_failures',
    table: 'login_failures',
    where: (now) => {
      const old = before(now, RETENTION.loginFailuresDays);
      return sql`window_started_at < ${old} and (locked_until is null or locked_until < ${old})`;
    },
  },
  {
    name: 'idempotency_keys',
    table: 'idempotency_keys',
    where: (now) => sql`created_at < ${before(now, RETENTION.idempotencyKeysDays)}`,
  },
  {
    name: 'test_shares',
    table: 'test_shares',
    where: (now) => sql`expires_at < ${before(now, RETENTION.testSharesAfterExpiryDays)}`,
  },
  {
    name: 'webhook_deliveries',
    table: 'webhook_deliveries',
    where: (now) => sql`status in ('delivered', 'failed')
      and created_at < ${before(now, RETENTION.webhookDeliveriesDays)}`,
  },
  {
    // Events whose deliveries are all gone (or that had none: no endpoint then).
    name: 'webhook_events',
    table: 'webhook_events',
    where: (now) => sql`created_at < ${before(now, RETENTION.webhookDeliveriesDays)}
      and not exists (select 1 from webhook_deliveries d where d.event_id = webhook_events.id)`,
  },
  {
    name: 'failed_jobs',
    table: 'jobs',
    where: (now) => sql`failed_at < ${before(now, RETENTION.failedJobsDays)}`,
  },
];

/** Rows deleted per statement: each batch is its own short transaction. */
export const RETENTION_BATCH = 1000;

@Injectable()
export class RetentionRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * Deletes the rule's rows in batches of `batch` (picked by `ctid`, so tables without a single
   * primary key column work too), each batch a statement of its own: a large backlog never holds
   * one long transaction or one lock on many rows. Returns how many rows went.
   */
  async deleteBatched(rule: RetentionRule, now: Date, batch = RETENTION_BATCH): Promise<number> {
    const table = sql.identifier(rule.table);
    let total = 0;
    for (;;) {
      const result = (await this.database.primary.execute(sql`
        with deleted as (
          delete from ${table} where ctid = any(array(
            select ctid from ${table} where ${rule.where(now)} limit ${batch}))
          returning 1)
        select count(*)::int as n from deleted`)) as unknown as { rows: { n: number }[] };
      const deleted = result.rows[0]?.n ?? 0;
      total += deleted;
      if (deleted < batch) return total;
    }
  }
}
