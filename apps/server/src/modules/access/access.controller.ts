import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  grantListSchema,
  prepareShareSchema,
  preparedShareSchema,
  shareDataSchema,
  ticketIssuedSchema,
} from '@cardcoop/contracts';
import { AntelopeNamePipe } from '../../common/http/antelope-name.pipe.js';
import { ClientIp } from '../../common/http/request-params.js';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { AccessService } from './access.service.js';
import { SharingService } from './sharing.service.js';
import { Policy } from '../authz/policy.decorator.js';

class PrepareShareDto extends createZodDto(prepareShareSchema) {}
class PreparedShareDto extends createZodDto(preparedShareSchema) {}
class ShareDataDto extends createZodDto(shareDataSchema) {}
class TicketIssuedDto extends createZodDto(ticketIssuedSchema) {}
class GrantListDto extends createZodDto(grantListSchema) {}

@ApiTags('access')
@Policy('member')
@Controller('access')
export class AccessController {
  constructor(
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(SharingService) private readonly sharing: SharingService,
  ) {}

  /** What the consent screen shows: the cooperative, its certified key and the fields it asks for. */
  @Post('prepare-share-data')
  @ApiOperation({ summary: 'What the consent screen shows before sharing with a cooperative' })
  @HttpCode(200)
  @ApiOkResponse({ type: PreparedShareDto })
  prepare(
    @CurrentMember() member: Member,
    @Body() body: PrepareShareDto,
  ): Promise<PreparedShareDto> {
    return this.access.prepare(member.userId, body.coopname);
  }

  /** Consent: stores the sealed data and returns the single-use ticket for the cooperative. */
  @Post('share-data')
  @ApiOperation({
    summary: 'Share sealed card data with a cooperative; answers the single-use ticket',
  })
  @HttpCode(201)
  @ApiCreatedResponse({ type: TicketIssuedDto })
  share(
    @CurrentMember() member: Member,
    @Body() body: ShareDataDto,
    @ClientIp() ip: string,
  ): Promise<TicketIssuedDto> {
    return this.sharing.share(member.userId, body, ip);
  }

  /**
   * The member said no on the consent screen: recorded in their history (`grant.refused`), and
   * nothing else exists (the consent screen made nothing). 404 for an unknown cooperative.
   */
  @Post('refuse-share')
  @ApiOperation({ summary: 'Record that the member refused a cooperative’s request' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async refuse(
    @CurrentMember() member: Member,
    @Body() body: PrepareShareDto,
    @ClientIp() ip: string,
  ): Promise<void> {
    await this.sharing.refuse(member.userId, body.coopname, ip);
  }

  /** Who holds the member's data: live grants and revoked ones, newest first. */
  @Get('list')
  @ApiOperation({ summary: 'Grants: who holds the member’s data, live and revoked' })
  @ApiOkResponse({ type: GrantListDto })
  async list(@CurrentMember() member: Member): Promise<GrantListDto> {
    return { grants: await this.sharing.list(member.userId) };
  }

  /** Deletes what was shared with the cooperative and ends its tokens for it. */
  @Delete(':coopname')
  @ApiOperation({ summary: 'Revoke a cooperative’s grant and delete what was shared' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async revoke(
    @CurrentMember() member: Member,
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @ClientIp() ip: string,
  ): Promise<void> {
    await this.sharing.revoke(member.userId, coopname, ip);
  }
}
