import { Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { sessionListSchema } from '@cardcoop/contracts';
import { ClientIp } from '../../common/http/request-params.js';
import { CurrentMember } from './current-member.js';
import { SessionsService } from './sessions.service.js';
import type { Member } from './sessions.service.js';
import { Policy } from '../authz/policy.decorator.js';

class SessionListDto extends createZodDto(sessionListSchema) {}

@ApiTags('sessions')
@Policy('member')
@Controller('sessions')
export class SessionsController {
  constructor(@Inject(SessionsService) private readonly sessions: SessionsService) {}

  @Get()
  @ApiOperation({ summary: 'The member’s live sessions' })
  @ApiOkResponse({ type: SessionListDto })
  async list(@CurrentMember() member: Member): Promise<SessionListDto> {
    return { sessions: await this.sessions.list(member) };
  }

  /** Ends every session of the member except this one. */
  @Delete()
  @ApiOperation({ summary: 'End every other session' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async revokeOthers(@CurrentMember() member: Member, @ClientIp() ip: string): Promise<void> {
    await this.sessions.revokeOthers(member, ip);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'End one session' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async revoke(
    @CurrentMember() member: Member,
    @Param('id', new ParseUUIDPipe()) id: string,
    @ClientIp() ip: string,
  ): Promise<void> {
    await this.sessions.revoke(member, id, ip);
  }
}
