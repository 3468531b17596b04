import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  myCooperativeListSchema,
  staffInvitationSchema,
  staffInviteSchema,
  staffListSchema,
  staffRoleChangeSchema,
} from '@cardcoop/contracts';
import type { Locale } from '../../common/i18n/locale.js';
import { ClientIp, RequestLocale } from '../../common/http/request-params.js';
import { Policy } from '../authz/policy.decorator.js';
import type { StaffContext } from '../authz/policy.guard.js';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { CurrentStaff } from './current-staff.js';
import { StaffService } from './staff.service.js';

class MyCooperativeListDto extends createZodDto(myCooperativeListSchema) {}
class StaffListDto extends createZodDto(staffListSchema) {}
class StaffInviteDto extends createZodDto(staffInviteSchema) {}
class StaffInvitationDto extends createZodDto(staffInvitationSchema) {}
class StaffRoleChangeDto extends createZodDto(staffRoleChangeSchema) {}

/** The business panel's cooperative picker: where the signed-in member works. */
@ApiTags('business')
@Controller('business/cooperatives')
export class MyCooperativesController {
  constructor(@Inject(StaffService) private readonly staff: StaffService) {}

  @Get()
  @Policy('business.cooperatives.mine')
  @ApiOperation({ summary: 'The cooperatives the signed-in member has a staff role in' })
  @ApiOkResponse({ type: MyCooperativeListDto })
  async mine(@CurrentMember() member: Member): Promise<MyCooperativeListDto> {
    return { cooperatives: await this.staff.cooperativesOf(member) };
  }
}

/** A cooperative's staff: who works in its panel, invitations, roles (ADR 019). */
@ApiTags('business')
@Controller('business/cooperatives/:coopname/staff')
export class StaffController {
  constructor(@Inject(StaffService) private readonly staff: StaffService) {}

  @Get()
  @Policy('business.staff.read')
  @ApiOperation({
    summary: 'The staff with roles; open invitations (address masked) for owners and admins',
  })
  @ApiOkResponse({ type: StaffListDto })
  list(@CurrentStaff() staff: StaffContext): Promise<StaffListDto> {
    return this.staff.list(staff);
  }

  @Post('invitations')
  @Policy('business.staff.invite')
  @ApiOperation({
    summary: 'Invite an address (single-use link mailed, 7 days; replaces its open invitation)',
  })
  @ApiCreatedResponse({ type: StaffInvitationDto })
  invite(
    @CurrentStaff() staff: StaffContext,
    @Body() body: StaffInviteDto,
    @ClientIp() ip: string,
    @RequestLocale() locale: Locale,
  ): Promise<StaffInvitationDto> {
    return this.staff.invite(staff, body, ip, locale);
  }

  @Delete('invitations/:id')
  @HttpCode(204)
  @Policy('business.staff.invite')
  @ApiOperation({ summary: 'Revoke an open invitation' })
  @ApiNoContentResponse()
  async revokeInvitation(
    @CurrentStaff() staff: StaffContext,
    @Param('id', new ParseUUIDPipe()) id: string,
    @ClientIp() ip: string,
  ): Promise<void> {
    await this.staff.revokeInvitation(staff, id, ip);
  }

  @Post('leave')
  @HttpCode(204)
  @Policy('business.staff.leave')
  @ApiOperation({ summary: 'Leave the staff (refused with LAST_OWNER for the last owner)' })
  @ApiNoContentResponse()
  async leave(@CurrentStaff() staff: StaffContext, @ClientIp() ip: string): Promise<void> {
    await this.staff.remove(staff, staff.member.userId, ip);
  }

  @Patch(':userId')
  @HttpCode(204)
  @Policy('business.staff.change')
  @ApiOperation({ summary: "Change a staff member's role (owner, step-up; LAST_OWNER)" })
  @ApiNoContentResponse()
  async changeRole(
    @CurrentStaff() staff: StaffContext,
    @Param('userId', new ParseUUIDPipe()) userId: string,
    @Body() body: StaffRoleChangeDto,
    @ClientIp() ip: string,
  ): Promise<void> {
    await this.staff.changeRole(staff, userId, body.role, ip);
  }

  @Delete(':userId')
  @HttpCode(204)
  @Policy('business.staff.change')
  @ApiOperation({ summary: 'Remove a member from the staff (owner, step-up; LAST_OWNER)' })
  @ApiNoContentResponse()
  async remove(
    @CurrentStaff() staff: StaffContext,
    @Param('userId', new ParseUUIDPipe()) userId: string,
    @ClientIp() ip: string,
  ): Promise<void> {
    await this.staff.remove(staff, userId, ip);
  }
}
