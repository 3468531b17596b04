import { Controller, Delete, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AntelopeNamePipe } from '../../common/http/antelope-name.pipe.js';
import { CurrentCooperative } from '../cooperatives/coop-client.guard.js';
import type { CooperativeRow } from '../cooperatives/cooperatives.repository.js';
import { MembershipChangesService } from './membership-changes.service.js';
import { Policy } from '../authz/policy.decorator.js';

/**
 * A cooperative confirms (or withdraws) the membership of a username in itself: the built-in
 * registry behind the membership check. It can speak only for its own coopname. A new
 * confirmation tells the account's member (`membership.confirmed`) right after it committed.
 */
@ApiTags('cooperative API')
@Policy('coop-api')
@Controller('coop/memberships')
export class CoopMembershipsController {
  constructor(
    @Inject(MembershipChangesService) private readonly memberships: MembershipChangesService,
  ) {}

  @Put(':username')
  @ApiOperation({ summary: 'Cooperative: confirm a membership' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async confirm(
    @CurrentCooperative() cooperative: CooperativeRow,
    @Param('username', AntelopeNamePipe) username: string,
  ): Promise<void> {
    await this.memberships.confirm(cooperative.coopname, username);
  }

  @Delete(':username')
  @ApiOperation({ summary: 'Cooperative: withdraw a membership' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async withdraw(
    @CurrentCooperative() cooperative: CooperativeRow,
    @Param('username', AntelopeNamePipe) username: string,
  ): Promise<void> {
    await this.memberships.end(cooperative.coopname, username);
  }
}
