import { Inject, Injectable } from '@nestjs/common';
import { and, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import { grants } from '../../db/schema/index.js';

/** A grant whose member is to be told of its reads. */
export interface DueNotice {
  userId: string;
  coopname: string;
}

type Rows<T> = { rows: T[] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The audit log's `grant.read` events, turned into at most one notice a day per grant. */
@Injectable()
export class ReadNoticesRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /**
   * In one transaction: takes up to `limit` `grant.read` events after the stored position and
   * older than `settleMs` (by then the read's statement has committed), runs `work` on their grants not noticed in the day before `now`
   * (the notices, in the same transaction), marks those noticed and moves the position. Returns
   * how many events it took and `work`'s result.
   */
  async take<T>(
    { now, settleMs, limit }: { now: Date; settleMs: number; limit: number },
    work: (tx: AppDatabase, due: DueNotice[]) => Promise<T>,
  ): Promise<{ events: number; result: T }> {
    return this.database.primary.transaction(async (tx) => {
      const { rows: progress } = (await tx.execute(
        sql`select after_event_id as "after" from read_notice_progress for update`,
      )) as unknown as Rows<{ after: string }>;
      const { rows: events } = (await tx.execute(sql`
        select id, (extract(epoch from at) * 1000)::float8 as "atMs", data ->> 'grant_id' as "grantId"
        from audit_events
        where id > ${progress[0]!.after} and type = 'grant.read'
        order by id limit ${limit}`)) as unknown as Rows<{
        id: string;
        atMs: number;
        grantId: string | null;
      }>;
      // Stop at the first event still settling: the position never passes an event not taken.
      const settled = now.getTime() - settleMs;
      const cut = events.findIndex((event) => Number(event.atMs) > settled);
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
      const result = await work(
        tx,
        due.map(({ userId, coopname }) => ({ userId, coopname })),
      );
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
        await tx.execute(
          sql`update read_notice_progress set after_event_id = ${taken[taken.length - 1]!.id}`,
        );
      }
      return { events: taken.length, result };
    });
  }
}
