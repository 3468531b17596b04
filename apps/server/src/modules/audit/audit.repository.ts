import { Inject, Injectable } from '@nestjs/common';
import { desc, eq } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { auditEvents } from '../../db/schema/index.js';

export type AuditRow = typeof auditEvents.$inferSelect;
export type NewAuditRow = typeof auditEvents.$inferInsert;

/** Append-only: there is no update or delete here, by design. */
@Injectable()
export class AuditRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async head(subjectId: string): Promise<AuditRow | undefined> {
    const [row] = await this.database.primary
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, subjectId))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    return row;
  }

  /** False when another event took this sequence number first. */
  async append(row: NewAuditRow): Promise<boolean> {
    const inserted = await this.database.primary
      .insert(auditEvents)
      .values(row)
      .onConflictDoNothing({ target: [auditEvents.subjectId, auditEvents.seq] })
      .returning({ id: auditEvents.id });
    return inserted.length === 1;
  }

  async list(subjectId: string, limit: number): Promise<AuditRow[]> {
    return this.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, subjectId))
      .orderBy(desc(auditEvents.seq))
      .limit(limit);
  }

  async chain(subjectId: string): Promise<AuditRow[]> {
    return this.database.primary
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, subjectId))
      .orderBy(auditEvents.seq);
  }
}
