import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { auditLogQuerySchema, auditLogSchema } from '@cardcoop/contracts';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { AuditService } from './audit.service.js';
import { Policy } from '../authz/policy.decorator.js';

class AuditLogDto extends createZodDto(auditLogSchema) {}
class AuditLogQueryDto extends createZodDto(auditLogQuerySchema) {}

/** A member reads their own security log. */
@ApiTags('audit')
@Policy('member')
@Controller('audit')
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'The member’s security events, newest first, a page at a time' })
  @ApiOkResponse({ type: AuditLogDto })
  list(@CurrentMember() member: Member, @Query() query: AuditLogQueryDto): Promise<AuditLogDto> {
    return this.audit.page(member.userId, query);
  }
}
