import { Inject, Injectable } from '@nestjs/common';
import { adminAuditQuerySchema } from '@cardcoop/contracts';
import type { AdminAuditPage, AdminAuditQuery } from '@cardcoop/contracts';
import type { AuditData } from '../audit/audit-hash.js';
import { AdminAuditRepository } from './admin-audit.repository.js';

/** The audit log, newest first, one page at a time (keyset on the event id). */
@Injectable()
export class AdminAuditService {
  constructor(@Inject(AdminAuditRepository) private readonly events: AdminAuditRepository) {}

  async page(query: AdminAuditQuery & { subjectId?: string }): Promise<AdminAuditPage> {
    const { type, from, to, cursor, limit } = adminAuditQuerySchema.parse(query);
    const rows = await this.events.page({
      subjectId: query.subjectId,
      type,
      from: from ? new Date(from) : undefined,
      to: to ? new Date(to) : undefined,
      beforeId: cursor ? Number(cursor) : undefined,
      limit: limit + 1,
    });
    const events = rows.slice(0, limit).map((row) => ({
      id: row.id,
      subject_id: row.subjectId,
      seq: row.seq,
      type: row.type,
      at: row.at.toISOString(),
      data: row.data as AuditData,
    }));
    const more = rows.length > limit;
    return { events, next_cursor: more ? String(events[events.length - 1]!.id) : null };
  }
}
