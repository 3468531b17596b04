import { Inject, Injectable } from '@nestjs/common';
import { desc, eq, lte, max, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { auditCheckpoints, auditEvents } from '../../db/schema/index.js';

export type AuditRow = typeof auditEvents.$inferSelect;
export type NewAuditRow = typeof auditEvents.$inferInsert;
export type CheckpointRow = typeof auditCheckpoints.$inferSelect;

export interface ChainHead {
  subjectId: string;
  seq: number;
  hash: string;
}

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

  async lastEventId(): Promise<number> {
    const [row] = await this.database.primary.select({ id: max(auditEvents.id) }).from(auditEvents);
    return row?.id ?? 0;
  }

  /** Every subject's latest event among those up to `lastEventId`, ordered by subject. */
  async heads(lastEventId: number): Promise<ChainHead[]> {
    return this.database.primary
      .selectDistinctOn([auditEvents.subjectId], {
        subjectId: auditEvents.subjectId,
        seq: auditEvents.seq,
        hash: auditEvents.hash,
      })
      .from(auditEvents)
      .where(lte(auditEvents.id, lastEventId))
      .orderBy(auditEvents.subjectId, desc(auditEvents.seq));
  }

  async addCheckpoint(row: typeof auditCheckpoints.$inferInsert): Promise<CheckpointRow> {
    const [inserted] = await this.database.primary.insert(auditCheckpoints).values(row).returning();
    return inserted!;
  }

  async latestCheckpoint(): Promise<CheckpointRow | undefined> {
    const [row] = await this.database.primary
      .select()
      .from(auditCheckpoints)
      .orderBy(desc(auditCheckpoints.id))
      .limit(1);
    return row;
  }

  async checkpoints(): Promise<CheckpointRow[]> {
    return this.database.primary
      .select()
      .from(auditCheckpoints)
      .orderBy(sql`${auditCheckpoints.id} desc`);
  }
}
