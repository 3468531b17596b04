import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, lt, lte, max, sql } from 'drizzle-orm';
import type { Placeholder, SQL, SQLWrapper } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import { auditCheckpoints, auditEvents, cooperatives } from '../../db/schema/index.js';
import type { AuditDraft } from './audit-draft.js';

export type AuditRow = typeof auditEvents.$inferSelect;
/** An event as its subject reads it: with the name of the cooperative it names, if any. */
export type ListedAuditRow = AuditRow & { displayName: string | null };
export type CheckpointRow = typeof auditCheckpoints.$inferSelect;

export interface ChainHead {
  subjectId: string;
  seq: number;
  hash: string;
}

/** An event drafted for the statement of the change it records (`AuditService.eventFor`). */
export interface PendingEvent {
  draft: AuditDraft;
  ipSealed: string | null;
}

/** A draft's parameters in a prepared statement: pass the draft itself to `execute()`. */
export const DRAFT_PLACEHOLDERS: Record<keyof AuditDraft, Placeholder> = {
  auditType: sql.placeholder('auditType'),
  auditAt: sql.placeholder('auditAt'),
  auditData: sql.placeholder('auditData'),
  auditDigest: sql.placeholder('auditDigest'),
};

type DraftParameters = { [key in keyof AuditDraft]: AuditDraft[key] | Placeholder };

/**
 * The call of `audit_append` (migration 0002) that numbers, chains and inserts an event of
 * `subject`: a statement of its own, or part of the statement that changes what the event
 * records, so that both commit together in one round trip. Returns the event's id.
 */
export function appendEventSql(
  subject: SQLWrapper,
  draft: DraftParameters,
  ipSealed: string | null = null,
): SQL<number> {
  return sql<number>`audit_append(${subject}, ${draft.auditType}, ${draft.auditAt}::timestamptz, ${draft.auditData}::jsonb, ${ipSealed}, ${draft.auditDigest})`;
}

/**
 * Appends `event` to the chain of `subjectId` in `tx`, the transaction of the change it records:
 * both commit, or neither.
 */
export async function appendEvent(
  tx: AppDatabase,
  subjectId: string,
  event: PendingEvent,
): Promise<void> {
  await tx.execute(
    sql`select ${appendEventSql(sql`${subjectId}::uuid`, event.draft, event.ipSealed)}`,
  );
}

/** Append-only: there is no update or delete here, by design. */
@Injectable()
export class AuditRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** Appends through `audit_append` (migration 0002), which numbers, chains and hashes it. */
  async append(subjectId: string, draft: AuditDraft, ipSealed: string | null): Promise<void> {
    await appendEvent(this.database.primary, subjectId, { draft, ipSealed });
  }

  /** The subject's events newest first, those before `beforeSeq` if given (keyset on `seq`). */
  async list(subjectId: string, limit: number, beforeSeq?: number): Promise<ListedAuditRow[]> {
    const rows = await this.database.primary
      .select({ event: auditEvents, displayName: cooperatives.displayName })
      .from(auditEvents)
      .leftJoin(cooperatives, eq(cooperatives.coopname, sql`${auditEvents.data} ->> 'coopname'`))
      .where(
        and(
          eq(auditEvents.subjectId, subjectId),
          beforeSeq === undefined ? undefined : lt(auditEvents.seq, beforeSeq),
        ),
      )
      .orderBy(desc(auditEvents.seq))
      .limit(limit);
    return rows.map(({ event, displayName }) => ({ ...event, displayName }));
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
