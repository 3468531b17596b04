import { Inject, Injectable } from '@nestjs/common';
import { asc, eq, gt, sql } from 'drizzle-orm';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { maintenanceAnnouncements } from '../../db/schema/index.js';
import { appendEvent, appendEventSql } from '../audit/audit.repository.js';
import type { PendingEvent } from '../audit/audit.repository.js';

export type MaintenanceRow = typeof maintenanceAnnouncements.$inferSelect;
export type MaintenanceInput = Pick<
  MaintenanceRow,
  'startsAt' | 'endsAt' | 'messageRu' | 'messageEn'
>;

/** Planned-maintenance announcements; each change commits with its audit event. */
@Injectable()
export class MaintenanceRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  /** Current and upcoming (not yet ended), the soonest first. */
  async upcoming(): Promise<MaintenanceRow[]> {
    return this.database.primary
      .select()
      .from(maintenanceAnnouncements)
      .where(gt(maintenanceAnnouncements.endsAt, sql`now()`))
      .orderBy(asc(maintenanceAnnouncements.startsAt));
  }

  async find(id: string): Promise<MaintenanceRow | undefined> {
    const [row] = await this.database.primary
      .select()
      .from(maintenanceAnnouncements)
      .where(eq(maintenanceAnnouncements.id, id));
    return row;
  }

  async create(
    input: MaintenanceInput,
    eventFor: (id: string) => PendingEvent,
    subject: string,
  ): Promise<MaintenanceRow> {
    return this.database.primary.transaction(async (tx) => {
      const [row] = await tx.insert(maintenanceAnnouncements).values(input).returning();
      await appendEvent(tx, subject, eventFor(row!.id));
      return row!;
    });
  }

  async update(
    id: string,
    changes: Partial<MaintenanceInput>,
    event: PendingEvent,
    subject: string,
  ): Promise<MaintenanceRow | undefined> {
    return this.database.primary.transaction(async (tx) => {
      const [row] = await tx
        .update(maintenanceAnnouncements)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(eq(maintenanceAnnouncements.id, id))
        .returning();
      if (!row) return undefined;
      await appendEvent(tx, subject, event);
      return row;
    });
  }

  async remove(id: string, event: PendingEvent, subject: string): Promise<boolean> {
    const rows = await this.database.primary
      .delete(maintenanceAnnouncements)
      .where(eq(maintenanceAnnouncements.id, id))
      .returning({
        eventId: appendEventSql(sql`${subject}::uuid`, event.draft, event.ipSealed),
      });
    return rows.length > 0;
  }
}
