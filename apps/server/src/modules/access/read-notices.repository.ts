import { Inject, Injectable } from '@nestjs/common';
import { and, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import { auditEvents, grants, readNoticeProgress } from '../../db/schema/index.js';

/** A grant whose member is to be told of its reads. */
export interface DueNotice {
  userId: string;
  coopname: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The audit log's `grant.read` events, turned into at most one notice a day per grant. */
@Injectable()
export class ReadNoticesRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * In one transaction: takes up to `limit` `grant.read` events after the stored position and
   * older than `settleMs` (by then the read's statement has committed), runs `work` on their
   * grants not noticed in the day before `now` (the notices, in the same transaction), marks
   * those noticed and moves the position. Returns how many events it took and `work`'s result.
   */
  async take<T>(
    { now, settleMs, limit }: { now: Date; settleMs: number; limit: number },
    work: (tx: AppDatabase, due: DueNotice[]) => Promise<T>,
  ): Promise<{ events: number; result: T }> {
    return this.database.primary.transaction(async (tx) => {
      const [progress] = await tx
        .select({ after: readNoticeProgress.afterEventId })
        .from(readNoticeProgress)
        .for('update');
      const events = await tx
        .select({
          id: auditEvents.id,
          at: auditEvents.at,
          grantId: sql<string | null>`${auditEvents.data} ->> 'grant_id'`,
        })
        .from(auditEvents)
        .where(and(gt(auditEvents.id, progress!.after), eq(auditEvents.type, 'grant.read')))
        .orderBy(auditEvents.id)
        .limit(limit);
      // Stop at the first event still settling: the position never passes an event not taken.
      const settled = now.getTime() - settleMs;
      const cut = events.findIndex((event) => event.at.getTime() > settled);
      const taken = cut === -1 ? events : events.slice(0, cut);
      const grantIds = [
        ...new Set(
          taken.flatMap(({ grantId }) => (grantId && UUID.test(grantId) ? [grantId] : [])),
        ),
      ];
      const dayBefore = new Date(now.getTime() - 86_400_000);
      // Read without locking the grants (sweeps already queue on the position's row): the
      // cooperatives' reads update these rows and must not wait for the notices to be written.
      const due =
        grantIds.length === 0
          ? []
          : await tx
              .select({ id: grants.id, userId: grants.userId, coopname: grants.coopname })
              .from(grants)
              .where(
                and(
                  inArray(grants.id, grantIds),
                  or(isNull(grants.readNoticedAt), lte(grants.readNoticedAt, dayBefore)),
                ),
              );
      const result = await work(tx, due);
      // Last, so the rows stay locked only for the commit.
      if (due.length > 0) {
        await tx
          .update(grants)
          .set({ readNoticedAt: now })
          .where(
            inArray(
              grants.id,
              due.map((grant) => grant.id),
            ),
          );
      }
      if (taken.length > 0) {
        await tx.update(readNoticeProgress).set({ afterEventId: taken[taken.length - 1]!.id });
      }
      return { events: taken.length, result };
    });
  }
}
