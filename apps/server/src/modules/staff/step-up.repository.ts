import { Inject, Injectable } from '@nestjs/common';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { sessions } from '../../db/schema/index.js';
import { appendEventSql } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';
import { SessionCache } from '../sessions/session-cache.js';

/** Marks the second factor proven in one session (ADR 019's step-up). */
@Injectable()
export class StepUpRepository {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(SessionCache) private readonly cache: SessionCache,
  ) {}

  /**
   * Stamps the live session with now and appends the member's event in the same statement;
   * undefined when the session has ended meanwhile.
   */
  async markSteppedUp(sessionId: string, event: PendingEvent): Promise<Date | undefined> {
    const [row] = await this.database.primary
      .update(sessions)
      .set({ steppedUpAt: sql`now()` })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
      .returning({
        steppedUpAt: sessions.steppedUpAt,
        auditEventId: appendEventSql(sessions.userId, event.draft, event.ipSealed),
      });
    this.cache.forget(sessionId);
    return row?.steppedUpAt ?? undefined;
  }
}
