import { Controller, Delete, Get, HttpCode, Inject, Param, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { businessMemberListSchema, businessMembersQuerySchema } from '@cardcoop/contracts';
import { AntelopeNamePipe } from '../../common/http/antelope-name.pipe.js';
import type { StaffContext } from '../authz/policy.guard.js';
import { Policy } from '../authz/policy.decorator.js';
import { ActingStaff } from '../business-stats/acting-staff.js';
import { MembershipChangesService } from '../coop-api/membership-changes.service.js';
import { BusinessMembersService } from './business-members.service.js';

class BusinessMembersQueryDto extends createZodDto(businessMembersQuerySchema) {}
class BusinessMemberListDto extends createZodDto(businessMemberListSchema) {}

/**
 * The members who shared with the cooperative (owner, admin, viewer see them; never the card's
 * values), and their memberships, which owners and admins confirm or end — the same change as
 * the cooperative API's `PUT/DELETE /coop/memberships/{username}`, audited with the staff member.
 */
@ApiTags('business panel')
@Controller('business/cooperatives/:coopname/members')
export class BusinessMembersController {
  constructor(
    @Inject(BusinessMembersService) private readonly members: BusinessMembersService,
    @Inject(MembershipChangesService) private readonly memberships: MembershipChangesService,
  ) {}

  /** By username, a page at a time (`cursor` = the last page's `next`); `status` filters. */
  @Get()
  @Policy('members.read')
  @ApiOperation({ summary: 'Business panel: members who shared with the cooperative' })
  @ApiOkResponse({ type: BusinessMemberListDto })
  list(
    @ActingStaff() staff: StaffContext,
    @Query() query: BusinessMembersQueryDto,
  ): Promise<BusinessMemberListDto> {
    return this.members.list(staff.coopname, query);
  }

  @Put(':username/membership')
  @Policy('members.change')
  @ApiOperation({ summary: 'Business panel: confirm a membership' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async confirm(
    @ActingStaff() staff: StaffContext,
    @Param('username', AntelopeNamePipe) username: string,
  ): Promise<void> {
    await this.memberships.confirm(staff.coopname, username, staff.member.userId);
  }

  @Delete(':username/membership')
  @Policy('members.change')
  @ApiOperation({ summary: 'Business panel: end a membership' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async end(
    @ActingStaff() staff: StaffContext,
    @Param('username', AntelopeNamePipe) username: string,
  ): Promise<void> {
    await this.memberships.end(staff.coopname, username, staff.member.userId);
  }
}
