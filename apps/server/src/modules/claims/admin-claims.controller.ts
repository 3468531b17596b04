import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  claimListQuerySchema,
  claimListSchema,
  claimRejectionSchema,
  cooperativeClaimSchema,
} from '@cardcoop/contracts';
import { AntelopeNamePipe } from '../../common/http/antelope-name.pipe.js';
import { ClientIp } from '../../common/http/request-params.js';
import { Policy } from '../authz/policy.decorator.js';
import type { AuthorizedRequest } from '../authz/policy.guard.js';
import { ClaimsService } from './claims.service.js';
import type { ClaimReviewer } from './claims.service.js';

class ClaimListQueryDto extends createZodDto(claimListQuerySchema) {}
class ClaimListDto extends createZodDto(claimListSchema) {}
class ClaimRejectionDto extends createZodDto(claimRejectionSchema) {}
class CooperativeClaimDto extends createZodDto(cooperativeClaimSchema) {}

/** The platform admin (or automation): no member behind the admin key. */
const reviewerOf = (request: AuthorizedRequest): ClaimReviewer => ({
  userId: request.member?.userId ?? null,
});

/** The platform admin's queue of ownership claims (cooperatives connected without a chain). */
@ApiTags('admin')
@Policy('admin.claims.review')
@Controller('admin/claims')
export class AdminClaimsController {
  constructor(@Inject(ClaimsService) private readonly claims: ClaimsService) {}

  @Get()
  @ApiOperation({ summary: 'Admin: ownership claims by status (pending by default), oldest first' })
  @ApiOkResponse({ type: ClaimListDto })
  async list(@Query() query: ClaimListQueryDto): Promise<ClaimListDto> {
    return { claims: await this.claims.list(query.status) };
  }

  @Post(':coopname/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: approve a claim (the cooperative becomes verified)' })
  @ApiOkResponse({ type: CooperativeClaimDto })
  approve(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @Req() request: AuthorizedRequest,
    @ClientIp() ip: string,
  ): Promise<CooperativeClaimDto> {
    return this.claims.approve(coopname, reviewerOf(request), ip);
  }

  @Post(':coopname/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admin: reject a claim with a reason (mailed to the claimant)' })
  @ApiOkResponse({ type: CooperativeClaimDto })
  reject(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @Body() body: ClaimRejectionDto,
    @Req() request: AuthorizedRequest,
    @ClientIp() ip: string,
  ): Promise<CooperativeClaimDto> {
    return this.claims.reject(coopname, reviewerOf(request), body.reason, ip);
  }
}
