import { Body, Controller, Get, Header, Inject, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import {
  businessTopUpPageSchema,
  businessTopUpsQuerySchema,
  businessVirtualCardPageSchema,
  businessVirtualCardsOverviewSchema,
  businessVirtualCardsQuerySchema,
  putVirtualCardConditionsSchema,
  virtualCardConditionsStateSchema,
  virtualCardsReportQuerySchema,
  virtualCardsReportSchema,
} from '@cardcoop/contracts';
import { ClientIp, RequestLocale } from '../../common/http/request-params.js';
import type { Locale } from '../../common/i18n/locale.js';
import type { StaffContext } from '../authz/policy.guard.js';
import { Policy } from '../authz/policy.decorator.js';
import { ActingStaff } from '../business-stats/acting-staff.js';
import { BusinessVirtualCardsService } from './business-virtual-cards.service.js';
import { reportCsv, reportXlsx, XLSX_TYPE } from './report-files.js';
import { VirtualCardsReports } from './virtual-cards-reports.js';

class OverviewDto extends createZodDto(businessVirtualCardsOverviewSchema) {}
class PutConditionsDto extends createZodDto(putVirtualCardConditionsSchema) {}
class ConditionsDto extends createZodDto(virtualCardConditionsStateSchema) {}
class CardsQueryDto extends createZodDto(businessVirtualCardsQuerySchema) {}
class CardPageDto extends createZodDto(businessVirtualCardPageSchema) {}
class TopUpsQueryDto extends createZodDto(businessTopUpsQuerySchema) {}
class TopUpPageDto extends createZodDto(businessTopUpPageSchema) {}
class ReportQueryDto extends createZodDto(virtualCardsReportQuerySchema) {}
class ReportDto extends createZodDto(virtualCardsReportSchema) {}

/**
 * A cooperative's virtual cards in its business panel (issue 15): staff read the funds, the
 * conditions, the cards (last 4 digits only) and the money operations and reports; managers
 * change the conditions.
 */
@ApiTags('business panel')
@Policy('virtual-cards.business.read')
@Controller('business/cooperatives/:coopname/virtual-cards')
export class BusinessVirtualCardsController {
  constructor(
    @Inject(BusinessVirtualCardsService) private readonly service: BusinessVirtualCardsService,
    @Inject(VirtualCardsReports) private readonly reports: VirtualCardsReports,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Business panel: virtual cards — funds, in transit, cards, conditions' })
  @ApiOkResponse({ type: OverviewDto })
  overview(@ActingStaff() staff: StaffContext): Promise<OverviewDto> {
    return this.service.overview(staff.coopname);
  }

  /** 409 CONFLICT on a stale `expected_revision`; 409 COOPERATIVE_NOT_EXTENDED for issuing. */
  @Put('conditions')
  @Policy('virtual-cards.business.write')
  @ApiOperation({ summary: 'Business panel: set the virtual-card conditions (revision-checked)' })
  @ApiOkResponse({ type: ConditionsDto })
  conditions(
    @ActingStaff() staff: StaffContext,
    @Body() body: PutConditionsDto,
    @ClientIp() ip: string,
  ): Promise<ConditionsDto> {
    return this.service.setConditions(staff, body, ip);
  }

  @Get('cards')
  @ApiOperation({ summary: 'Business panel: the cooperative’s virtual cards (keyset page)' })
  @ApiOkResponse({ type: CardPageDto })
  cards(@ActingStaff() staff: StaffContext, @Query() query: CardsQueryDto): Promise<CardPageDto> {
    return this.service.cardsPage(staff.coopname, query);
  }

  @Get('top-ups')
  @ApiOperation({ summary: 'Business panel: card issues and top-ups, newest first' })
  @ApiOkResponse({ type: TopUpPageDto })
  topUps(
    @ActingStaff() staff: StaffContext,
    @Query() query: TopUpsQueryDto,
  ): Promise<TopUpPageDto> {
    return this.service.topUps(staff.coopname, query);
  }

  @Get('report')
  @ApiOperation({ summary: 'Business panel: virtual-card report over a date range' })
  @ApiOkResponse({ type: ReportDto })
  report(@ActingStaff() staff: StaffContext, @Query() query: ReportQueryDto): Promise<ReportDto> {
    return this.reports.forCooperative(staff.coopname, query);
  }

  @Get('report.csv')
  @ApiOperation({ summary: 'Business panel: the virtual-card report as CSV' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' } })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="virtual-cards-report.csv"')
  async csv(
    @ActingStaff() staff: StaffContext,
    @Query() query: ReportQueryDto,
    @RequestLocale() locale: Locale,
  ): Promise<string> {
    return reportCsv([await this.reports.forCooperative(staff.coopname, query)], locale);
  }

  @Get('report.xlsx')
  @ApiOperation({ summary: 'Business panel: the virtual-card report as XLSX (summary, cards)' })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async xlsx(
    @ActingStaff() staff: StaffContext,
    @Query() query: ReportQueryDto,
    @RequestLocale() locale: Locale,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const report = await this.reports.forCooperative(staff.coopname, query);
    reply.header('content-type', XLSX_TYPE);
    reply.header('content-disposition', 'attachment; filename="virtual-cards-report.xlsx"');
    return reportXlsx([report], query, locale);
  }
}
