import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { auditLogSchema } from '@cardcoop/contracts';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { AuditService } from './audit.service.js';
import { Policy } from '../authz/policy.decorator.js';

class AuditLogDto extends createZodDto(auditLogSchema) {}

/** A member reads their own security log. */
@ApiTags('audit')
@Policy('member')
@Controller('audit')
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'The member’s last security events' })
  @ApiOkResponse({ type: AuditLogDto })
  async list(@CurrentMember() member: Member): Promise<AuditLogDto> {
    return { events: await this.audit.list(member.userId) };
  }
}
