import { Inject, Injectable } from '@nestjs/common';
import type {
  CreateMaintenance,
  MaintenanceAnnouncement,
  MaintenanceList,
  UpdateMaintenance,
} from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import type { AdminActor } from './admin-actor.js';
import { adminEvent, PLATFORM_AUDIT_SUBJECT } from './admin-events.js';
import { MaintenanceRepository } from './maintenance.repository.js';
import type { MaintenanceInput, MaintenanceRow } from './maintenance.repository.js';

function present(row: MaintenanceRow): MaintenanceAnnouncement {
  return {
    id: row.id,
    starts_at: row.startsAt.toISOString(),
    ends_at: row.endsAt.toISOString(),
    message_ru: row.messageRu,
    message_en: row.messageEn,
  };
}

const times = (row: Pick<MaintenanceInput, 'startsAt' | 'endsAt'>) => ({
  starts_at: row.startsAt.toISOString(),
  ends_at: row.endsAt.toISOString(),
});

/** Planned maintenance: announced by platform admins, shown to every member until it ends. */
@Injectable()
export class MaintenanceService {
  constructor(
    @Inject(MaintenanceRepository) private readonly announcements: MaintenanceRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async upcoming(): Promise<MaintenanceList> {
    return { announcements: (await this.announcements.upcoming()).map(present) };
  }

  async create(
    body: CreateMaintenance,
    actor: AdminActor,
    ip: string,
  ): Promise<MaintenanceAnnouncement> {
    const input: MaintenanceInput = {
      startsAt: new Date(body.starts_at),
      endsAt: new Date(body.ends_at),
      messageRu: body.message_ru,
      messageEn: body.message_en,
    };
    const row = await this.announcements.create(
      input,
      (id) => this.event('maintenance.announced', actor, { id, ...times(input) }, ip),
      PLATFORM_AUDIT_SUBJECT,
    );
    return present(row);
  }

  /** Changes some fields; the result must still start before it ends (422 otherwise). */
  async update(
    id: string,
    body: UpdateMaintenance,
    actor: AdminActor,
    ip: string,
  ): Promise<MaintenanceAnnouncement> {
    const current = await this.announcements.find(id);
    if (!current) throw new AppError('NOT_FOUND', 404);
    const next: MaintenanceInput = {
      startsAt: body.starts_at ? new Date(body.starts_at) : current.startsAt,
      endsAt: body.ends_at ? new Date(body.ends_at) : current.endsAt,
      messageRu: body.message_ru ?? current.messageRu,
      messageEn: body.message_en ?? current.messageEn,
    };
    if (next.startsAt >= next.endsAt) {
      throw new AppError('VALIDATION_FAILED', 422, {
        details: [{ path: 'ends_at', code: 'custom', message: 'starts_at must be before ends_at' }],
      });
    }
    const event = this.event('maintenance.changed', actor, { id, ...times(next) }, ip);
    const row = await this.announcements.update(id, next, event, PLATFORM_AUDIT_SUBJECT);
    if (!row) throw new AppError('NOT_FOUND', 404);
    return present(row);
  }

  async remove(id: string, actor: AdminActor, ip: string): Promise<void> {
    const event = this.event('maintenance.withdrawn', actor, { id }, ip);
    if (!(await this.announcements.remove(id, event, PLATFORM_AUDIT_SUBJECT))) {
      throw new AppError('NOT_FOUND', 404);
    }
  }

  private event(type: string, actor: AdminActor, data: Record<string, string>, ip: string) {
    return adminEvent(this.audit, PLATFORM_AUDIT_SUBJECT, type, actor, data, ip);
  }
}
