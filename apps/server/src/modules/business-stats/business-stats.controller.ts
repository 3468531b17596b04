import { Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { businessStatsQuerySchema, businessStatsSchema } from '@cardcoop/contracts';
import type { StaffContext } from '../authz/policy.guard.js';
import { Policy } from '../authz/policy.decorator.js';
import { RequestLocale } from '../../common/http/request-params.js';
import type { Locale } from '../../common/i18n/locale.js';
import { ActingStaff } from './acting-staff.js';
import { statsCsv } from './business-stats-csv.js';
import { BusinessStatsService } from './business-stats.service.js';

class BusinessStatsQueryDto extends createZodDto(businessStatsQuerySchema) {}
class BusinessStatsDto extends createZodDto(businessStatsSchema) {}

/**
 * A cooperative's statistics in its business panel (owner, admin, viewer): counts per day in the
 * reader's time zone, the funnel over the range, live grants. Everything comes from events the
 * server audits; nothing names a member.
 */
@ApiTags('business panel')
@Policy('stats.read')
@Controller('business/cooperatives/:coopname')
export class BusinessStatsController {
  constructor(@Inject(BusinessStatsService) private readonly stats: BusinessStatsService) {}

  /**
   * Days `from`–`to` (both included, at most 366) in the time zone `tz`. 422 VALIDATION_FAILED
   * for a bad or reversed range, one too long or an unknown zone.
   */
  @Get('stats')
  @ApiOperation({ summary: 'Business panel: the cooperative’s statistics over a range of days' })
  @ApiOkResponse({ type: BusinessStatsDto })
  get(
    @ActingStaff() staff: StaffContext,
    @Query() query: BusinessStatsQueryDto,
  ): Promise<BusinessStatsDto> {
    return this.stats.get(staff.coopname, query);
  }

  /** The same days as CSV (headers in the Accept-Language, ru or en), for a spreadsheet. */
  @Get('stats.csv')
  @ApiOperation({ summary: 'Business panel: the cooperative’s statistics as CSV' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' } })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="stats.csv"')
  async csv(
    @ActingStaff() staff: StaffContext,
    @Query() query: BusinessStatsQueryDto,
    @RequestLocale() locale: Locale,
  ): Promise<string> {
    return statsCsv(await this.stats.get(staff.coopname, query), locale);
  }
}
