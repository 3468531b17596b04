import { Inject, Injectable } from '@nestjs/common';
import type { PlatformStaffList } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import type { PlatformRole } from '../../db/schema/index.js';
import { AuditService } from '../audit/audit.service.js';
import type { AdminActor } from './admin-actor.js';
import { adminEvent } from './admin-events.js';
import { PlatformStaffRepository } from './platform-staff.repository.js';

/** Platform roles: given, changed and taken by platform admins (never the last admin's). */
@Injectable()
export class PlatformStaffService {
  constructor(
    @Inject(PlatformStaffRepository) private readonly staff: PlatformStaffRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async list(): Promise<PlatformStaffList> {
    return {
      staff: (await this.staff.list()).map((row) => ({
        user_id: row.userId,
        role: row.role,
        created_at: row.createdAt.toISOString(),
      })),
    };
  }

  async set(userId: string, role: PlatformRole, actor: AdminActor, ip: string): Promise<void> {
    const event = adminEvent(this.audit, userId, 'platform_role.set', actor, { role }, ip);
    const outcome = await this.staff.set(userId, role, event);
    if (outcome === 'no_user') throw new AppError('NOT_FOUND', 404);
    if (outcome === 'last_admin') throw new AppError('LAST_PLATFORM_ADMIN', 409);
  }

  async remove(userId: string, actor: AdminActor, ip: string): Promise<void> {
    const event = adminEvent(this.audit, userId, 'platform_role.removed', actor, {}, ip);
    const outcome = await this.staff.remove(userId, event);
    if (outcome === 'none') throw new AppError('NOT_FOUND', 404);
    if (outcome === 'last_admin') throw new AppError('LAST_PLATFORM_ADMIN', 409);
  }
}
