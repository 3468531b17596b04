import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { recommendationIdSchema, recommendationListSchema } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { ClientIp } from '../../common/http/request-params.js';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { RecommendationsService } from './recommendations.service.js';
import { Policy } from '../authz/policy.decorator.js';

class RecommendationListDto extends createZodDto(recommendationListSchema) {}

/** Suggestions for the member (turn on 2FA, a contribution is due…) and hiding them. */
@ApiTags('recommendations')
@Policy('member')
@Controller('recommendations')
export class RecommendationsController {
  constructor(@Inject(RecommendationsService) private readonly service: RecommendationsService) {}

  /** The active suggestions, most pressing first, and which browser rules the member hid. */
  @Get()
  @ApiOperation({ summary: 'Suggestions for the member' })
  @ApiOkResponse({ type: RecommendationListDto })
  list(@CurrentMember() member: Member): Promise<RecommendationListDto> {
    return this.service.list(member.userId);
  }

  /** Hides the suggestion on every device; again: no change. */
  @Post(':id/dismiss')
  @ApiOperation({ summary: 'Hide a suggestion' })
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'RECOMMENDATION_NOT_FOUND: no such active suggestion' })
  async dismiss(
    @CurrentMember() member: Member,
    @Param('id') id: string,
    @ClientIp() ip: string,
  ): Promise<void> {
    if (!recommendationIdSchema.safeParse(id).success) {
      throw new AppError('RECOMMENDATION_NOT_FOUND', 404);
    }
    await this.service.dismiss(member.userId, id, ip);
  }
}
