import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  contributionDetailsSchema,
  contributionListSchema,
  contributionParamsSchema,
  contributionsQuerySchema,
} from '@cardcoop/contracts';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { ContributionsService } from './contributions.service.js';
import { Policy } from '../authz/policy.decorator.js';

class ContributionsQueryDto extends createZodDto(contributionsQuerySchema) {}
class ContributionListDto extends createZodDto(contributionListSchema) {}
class ContributionParamsDto extends createZodDto(contributionParamsSchema) {}
class ContributionDetailsDto extends createZodDto(contributionDetailsSchema) {}

@ApiTags('contributions')
@Policy('member')
@Controller('contributions')
export class ContributionsController {
  constructor(@Inject(ContributionsService) private readonly contributions: ContributionsService) {}

  /** The member's contributions, newest first, filtered by status and cooperative (keyset). */
  @Get()
  @ApiOperation({ summary: 'The member’s payment requests (contributions)' })
  @ApiOkResponse({ type: ContributionListDto })
  list(
    @CurrentMember() member: Member,
    @Query() query: ContributionsQueryDto,
  ): Promise<ContributionListDto> {
    return this.contributions.list(member.userId, query);
  }

  /** One contribution with the cooperative's bank details and the payment QR code's payload. */
  @Get(':id')
  @ApiOperation({ summary: 'One contribution with the bank details and QR payload' })
  @ApiOkResponse({ type: ContributionDetailsDto })
  get(
    @CurrentMember() member: Member,
    @Param() params: ContributionParamsDto,
  ): Promise<ContributionDetailsDto> {
    return this.contributions.get(member.userId, params.id);
  }
}
