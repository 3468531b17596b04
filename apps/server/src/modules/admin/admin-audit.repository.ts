import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, gt, gte, lt, or } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { auditCheckpoints, auditEvents } from '../../db/schema/index.js';

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type AuditCheckpointRow = typeof auditCheckpoints.$inferSelect;

export interface AuditFilter {
  subjectId?: string | undefined;
  type?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Events older than this id (the previous page's last). */
  beforeId?: number | undefined;
  limit: number;
}

/** The whole audit log for the platform admin: newest first, and chain by chain for checking. */
@Injectable()
export class AdminAuditRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async page(filter: AuditFilter): Promise<AuditEventRow[]> {
    const conditions: (SQL | undefined)[] = [
      filter.subjectId ? eq(auditEvents.subjectId, filter.subjectId) : undefined,
      filter.type ? eq(auditEvents.type, filter.type) : undefined,
      filter.from ? gte(auditEvents.at, filter.from) : undefined,
      filter.to ? lt(auditEvents.at, filter.to) : undefined,
      filter.beforeId ? lt(auditEvents.id, filter.beforeId) : undefined,
    ];
    return this.database.primary
      .select()
      .from(auditEvents)
      .where(and(...conditions))
      .orderBy(desc(auditEvents.id))
      .limit(filter.limit);
  }

  /** The next `limit` events in (subject, seq) order after the given position. */
  async chainsAfter(
    after: { subjectId: string; seq: number } | undefined,
    limit: number,
  ): Promise<AuditEventRow[]> {
    return this.database.primary
      .select()
      .from(auditEvents)
      .where(
        after
          ? or(
              gt(auditEvents.subjectId, after.subjectId),
              and(eq(auditEvents.subjectId, after.subjectId), gt(auditEvents.seq, after.seq)),
            )
          : undefined,
      )
      .orderBy(asc(auditEvents.subjectId), asc(auditEvents.seq))
      .limit(limit);
  }

  /** The latest `limit` checkpoints, newest first. */
  async checkpoints(limit: number): Promise<AuditCheckpointRow[]> {
    return this.database.primary
      .select()
      .from(auditCheckpoints)
      .orderBy(desc(auditCheckpoints.id))
      .limit(limit);
  }
}
