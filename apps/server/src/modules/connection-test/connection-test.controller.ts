import { Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { connectionTestSchema } from '@cardcoop/contracts';
import { AntelopeNamePipe } from '../../common/http/antelope-name.pipe.js';
import { Policy } from '../authz/policy.decorator.js';
import { ConnectionTestService } from './connection-test.service.js';

class ConnectionTestDto extends createZodDto(connectionTestSchema) {}

@ApiTags('business panel')
@Controller('business/cooperatives/:coopname/connection-test')
export class ConnectionTestController {
  constructor(@Inject(ConnectionTestService) private readonly tests: ConnectionTestService) {}

  /** Runs every check of the integration and says which one failed; changes nothing. */
  @Post()
  @Policy('business.connection-test.run')
  @ApiOperation({ summary: 'Business: test the cooperative’s connection, step by step' })
  @HttpCode(200)
  @ApiOkResponse({ type: ConnectionTestDto })
  run(@Param('coopname', AntelopeNamePipe) coopname: string): Promise<ConnectionTestDto> {
    return this.tests.run(coopname);
  }
}
