import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  invitationAcceptedSchema,
  invitationAcceptSchema,
  invitationPreviewSchema,
} from '@cardcoop/contracts';
import { ClientIp } from '../../common/http/request-params.js';
import { Policy } from '../authz/policy.decorator.js';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { StaffService } from './staff.service.js';

class InvitationAcceptDto extends createZodDto(invitationAcceptSchema) {}
class InvitationAcceptedDto extends createZodDto(invitationAcceptedSchema) {}
class InvitationPreviewDto extends createZodDto(invitationPreviewSchema) {}

/** The invited member's side: what the link offers, and accepting it. */
@ApiTags('business')
@Policy('business.invitations.accept')
@Controller('business/invitations')
export class InvitationsController {
  constructor(@Inject(StaffService) private readonly staff: StaffService) {}

  @Get(':token')
  @ApiOperation({
    summary: 'What an invitation link offers (INVITATION_INVALID if it cannot be accepted)',
  })
  @ApiOkResponse({ type: InvitationPreviewDto })
  preview(@Param('token') token: string): Promise<InvitationPreviewDto> {
    return this.staff.preview(token);
  }

  @Post('accept')
  @HttpCode(200)
  @ApiOperation({
    summary: "Accept an invitation sent to the signed-in member's address (single use)",
  })
  @ApiOkResponse({ type: InvitationAcceptedDto })
  accept(
    @CurrentMember() member: Member,
    @Body() body: InvitationAcceptDto,
    @ClientIp() ip: string,
  ): Promise<InvitationAcceptedDto> {
    return this.staff.accept(member, body.token, ip);
  }
}
