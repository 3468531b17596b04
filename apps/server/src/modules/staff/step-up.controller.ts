import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { steppedUpSchema, stepUpSchema } from '@cardcoop/contracts';
import { ClientIp } from '../../common/http/request-params.js';
import { Policy } from '../authz/policy.decorator.js';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { StepUpService } from './step-up.service.js';

class StepUpDto extends createZodDto(stepUpSchema) {}
class SteppedUpDto extends createZodDto(steppedUpSchema) {}

@ApiTags('auth')
@Controller('auth')
export class StepUpController {
  constructor(@Inject(StepUpService) private readonly stepUps: StepUpService) {}

  @Post('step-up')
  @HttpCode(200)
  @Policy('member')
  @ApiOperation({
    summary:
      'Step-up: prove a second factor (app or backup code; the password when 2FA is off) for 5 minutes of this session',
  })
  @ApiOkResponse({ type: SteppedUpDto })
  stepUp(
    @CurrentMember() member: Member,
    @Body() body: StepUpDto,
    @ClientIp() ip: string,
  ): Promise<SteppedUpDto> {
    return this.stepUps.stepUp(member, body, ip);
  }
}
