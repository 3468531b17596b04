import { Inject, Injectable } from '@nestjs/common';
import { and, eq, gte, max, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { auditEvents } from '../../db/schema/index.js';

/** When a cooperative's server last did its part of a share, from the audit log. */
@Injectable()
export class ConnectionTestRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** The newest event of `type` naming the cooperative since `since` (the coop/type/at index). */
  async lastEvent(coopname: string, type: string, since: Date): Promise<Date | undefined> {
    const [row] = await this.database.primary
      .select({ at: max(auditEvents.at) })
      .from(auditEvents)
      .where(
        and(
          eq(sql`${auditEvents.data} ->> 'coopname'`, coopname),
          eq(auditEvents.type, type),
          gte(auditEvents.at, since),
        ),
      );
    return row?.at ?? undefined;
  }
}
