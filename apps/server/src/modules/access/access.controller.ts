import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { prepareShareSchema, preparedShareSchema } from '@cardcoop/contracts';
import { CurrentMember, MembersOnly } from '../sessions/member.guard.js';
import type { Member } from '../sessions/sessions.service.js';
import { AccessService } from './access.service.js';

class PrepareShareDto extends createZodDto(prepareShareSchema) {}
class PreparedShareDto extends createZodDto(preparedShareSchema) {}

@ApiTags('access')
@MembersOnly()
@Controller('access')
export class AccessController {
  constructor(@Inject(AccessService) private readonly access: AccessService) {}

  /** What the consent screen shows: the cooperative, its certified key and the fields it asks for. */
  @Post('prepare-share-data')
  @HttpCode(200)
  @ApiOkResponse({ type: PreparedShareDto })
  prepare(
    @CurrentMember() member: Member,
    @Body() body: PrepareShareDto,
  ): Promise<PreparedShareDto> {
    return this.access.prepare(member.userId, body.coopname);
  }
}
