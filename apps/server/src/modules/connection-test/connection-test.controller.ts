import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { connectionTestSchema } from '@cardcoop/contracts';
import { ClientIp } from '../../common/http/request-params.js';
import type { StaffContext } from '../authz/policy.guard.js';
import { Policy } from '../authz/policy.decorator.js';
import { ActingStaff } from '../business-stats/acting-staff.js';
import { ConnectionTestService } from './connection-test.service.js';

class ConnectionTestDto extends createZodDto(connectionTestSchema) {}

@ApiTags('business panel')
@Controller('business/cooperatives/:coopname/connection-test')
export class ConnectionTestController {
  constructor(@Inject(ConnectionTestService) private readonly tests: ConnectionTestService) {}

  /**
   * Runs every check of the integration, then a live share by the test member through the
   * cooperative's entry page and callback, and says which step failed.
   */
  @Post()
  @Policy('business.connection-test.run')
  @ApiOperation({ summary: 'Business: test the cooperative’s connection, step by step' })
  @HttpCode(200)
  @ApiOkResponse({ type: ConnectionTestDto })
  run(@ActingStaff() staff: StaffContext, @ClientIp() ip: string): Promise<ConnectionTestDto> {
    return this.tests.run(staff.coopname, { userId: staff.member.userId, ip });
  }
}
