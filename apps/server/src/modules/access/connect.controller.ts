import { randomUUID } from 'node:crypto';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { connectQuerySchema, connectTargetSchema } from '@cardcoop/contracts';
import { AntelopeNamePipe } from '../../common/http/antelope-name.pipe.js';
import { AuditService } from '../audit/audit.service.js';
import { cooperativeSubject } from '../business-stats/cooperative-subject.js';
import { AccessService } from './access.service.js';
import { Policy } from '../authz/policy.decorator.js';

class ConnectQueryDto extends createZodDto(connectQuerySchema) {}
class ConnectTargetDto extends createZodDto(connectTargetSchema) {}

/**
 * Public: the connect page (`/id/connect`, `/id/embed`) checks a cooperative's request before
 * the member signs in, so an unregistered callback is refused with a readable page at once.
 */
@ApiTags('access')
@Policy('public')
@Controller('access/connect')
export class ConnectController {
  constructor(
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  @Get(':coopname')
  @ApiOperation({ summary: 'Check a cooperative’s connect request before sign-in (public)' })
  @ApiOkResponse({ type: ConnectTargetDto })
  async target(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @Query() query: ConnectQueryDto,
  ): Promise<ConnectTargetDto> {
    const target = await this.access.connectTarget(
      coopname,
      query.redirect_uri,
      query.response_mode,
    );
    // The cooperative's statistics: a visit, under its own random id (nothing of the visitor).
    const visitId = randomUUID();
    const mode = query.response_mode;
    const subject = cooperativeSubject(coopname, visitId);
    await this.audit.record(subject, 'connect.opened', { coopname, mode, visit_id: visitId });
    return { ...target, visit_id: visitId };
  }
}
