import { Inject, Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { calendarFeeds } from '../../db/schema/index.js';
import { appendEventSql } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';

/** Members' secret calendar feeds, by the SHA-256 of their token. */
@Injectable()
export class CalendarFeedsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** Creates the member's feed, or replaces its token (the old URL stops), with its event. */
  async put(userId: string, tokenHash: string, event: PendingEvent): Promise<void> {
    await this.database.primary
      .insert(calendarFeeds)
      .values({ userId, tokenHash })
      .onConflictDoUpdate({
        target: calendarFeeds.userId,
        set: { tokenHash, createdAt: sql`now()` },
      })
      .returning({
        auditEventId: appendEventSql(calendarFeeds.userId, event.draft, event.ipSealed),
      });
  }

  /** Deletes the member's feed with its event; false when there was none. */
  async delete(userId: string, event: PendingEvent): Promise<boolean> {
    const rows = await this.database.primary
      .delete(calendarFeeds)
      .where(eq(calendarFeeds.userId, userId))
      .returning({
        auditEventId: appendEventSql(calendarFeeds.userId, event.draft, event.ipSealed),
      });
    return rows.length === 1;
  }

  /** The member whose feed token hashes to `tokenHash` (an index lookup by hash, never by token). */
  async userOf(tokenHash: string): Promise<string | undefined> {
    const [row] = await this.database.primary
      .select({ userId: calendarFeeds.userId })
      .from(calendarFeeds)
      .where(eq(calendarFeeds.tokenHash, tokenHash));
    return row?.userId;
  }
}
