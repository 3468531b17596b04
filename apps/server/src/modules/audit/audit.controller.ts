import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentMember, MembersOnly } from '../sessions/member.guard.js';
import type { Member } from '../sessions/sessions.service.js';
import { AuditService } from './audit.service.js';
import type { AuditEvent } from './audit.service.js';

/** A member reads their own security log. */
@ApiTags('audit')
@MembersOnly()
@Controller('audit')
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Get()
  async list(@CurrentMember() member: Member): Promise<{ events: AuditEvent[] }> {
    return { events: await this.audit.list(member.userId) };
  }
}
