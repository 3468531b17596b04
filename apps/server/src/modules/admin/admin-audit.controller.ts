import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  adminAuditPageSchema,
  adminAuditQuerySchema,
  auditVerificationSchema,
} from '@cardcoop/contracts';
import { Policy } from '../authz/policy.decorator.js';
import { AdminAuditService } from './admin-audit.service.js';
import { AuditVerifier } from './audit-verifier.js';

class AdminAuditQueryDto extends createZodDto(adminAuditQuerySchema) {}
class AdminAuditPageDto extends createZodDto(adminAuditPageSchema) {}
class AuditVerificationDto extends createZodDto(auditVerificationSchema) {}

/** The audit viewer: every chain's events, and their hash-chain and checkpoint verification. */
@ApiTags('admin')
@Policy('admin.audit.read')
@Controller('admin/audit')
export class AdminAuditController {
  constructor(
    @Inject(AdminAuditService) private readonly log: AdminAuditService,
    @Inject(AuditVerifier) private readonly verifier: AuditVerifier,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Admin: audit events of every subject, newest first' })
  @ApiOkResponse({ type: AdminAuditPageDto })
  list(@Query() query: AdminAuditQueryDto): Promise<AdminAuditPageDto> {
    return this.log.page(query);
  }

  /** Recomputes every hash chain and checks the latest signed checkpoints. */
  @Post('verify')
  @ApiOperation({ summary: 'Admin: verify the audit hash chains and checkpoints' })
  @HttpCode(200)
  @ApiOkResponse({ type: AuditVerificationDto })
  verify(): Promise<AuditVerificationDto> {
    return this.verifier.verify();
  }
}
