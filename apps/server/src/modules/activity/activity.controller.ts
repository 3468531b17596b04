import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  activityQuerySchema,
  activitySchema,
  loginHistoryQuerySchema,
  loginHistorySchema,
} from '@cardcoop/contracts';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { ActivityService } from './activity.service.js';
import { Policy } from '../authz/policy.decorator.js';

class ActivityQueryDto extends createZodDto(activityQuerySchema) {}
class ActivityDto extends createZodDto(activitySchema) {}
class LoginHistoryQueryDto extends createZodDto(loginHistoryQuerySchema) {}
class LoginHistoryDto extends createZodDto(loginHistorySchema) {}

/** The member's own activity: who read their data, where they signed in, what they paid. */
@ApiTags('activity')
@Policy('member')
@Controller('activity')
export class ActivityController {
  constructor(@Inject(ActivityService) private readonly activity: ActivityService) {}

  /**
   * Aggregates over `from`–`to` (both days included, at most 366) in the time zone `tz`:
   * cooperatives' reads and sign-ins per day (per week beyond 92 days), contributions paid per
   * month. 422 VALIDATION_FAILED for a bad or reversed span, one too long or an unknown zone.
   */
  @Get()
  @ApiOperation({ summary: 'Reads, sign-ins and payments over a span of days' })
  @ApiOkResponse({ type: ActivityDto })
  summary(@CurrentMember() member: Member, @Query() query: ActivityQueryDto): Promise<ActivityDto> {
    return this.activity.summary(member.userId, query);
  }

  /** The member's sign-ins, newest first: time, device and the address (theirs to see). */
  @Get('logins')
  @ApiOperation({ summary: 'The member’s sign-in history' })
  @ApiOkResponse({ type: LoginHistoryDto })
  logins(
    @CurrentMember() member: Member,
    @Query() query: LoginHistoryQueryDto,
  ): Promise<LoginHistoryDto> {
    return this.activity.loginHistory(member.userId, query);
  }
}
