import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { dashboardSchema } from '@cardcoop/contracts';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { DashboardService } from './dashboard.service.js';
import { Policy } from '../authz/policy.decorator.js';

class DashboardDto extends createZodDto(dashboardSchema) {}

@ApiTags('dashboard')
@Policy('member')
@Controller('dashboard')
export class DashboardController {
  constructor(@Inject(DashboardService) private readonly dashboard: DashboardService) {}

  /**
   * The member's home in one answer: card (no content), accounts, balances, next meeting,
   * unpaid contributions, notifications, reads of their data.
   */
  @Get()
  @ApiOperation({ summary: 'The member’s home in one answer' })
  @ApiOkResponse({ type: DashboardDto })
  get(@CurrentMember() member: Member): Promise<DashboardDto> {
    return this.dashboard.of(member.userId);
  }
}
