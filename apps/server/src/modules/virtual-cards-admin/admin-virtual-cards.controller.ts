import {
  Body,
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  Inject,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import {
  allocateFundsSchema,
  fundingResultSchema,
  fundMasterSchema,
  platformVirtualCardsReportSchema,
  reconciliationListQuerySchema,
  reconciliationListSchema,
  reconciliationRunSchema,
  virtualCardsMasterSchema,
  virtualCardsReportQuerySchema,
} from '@cardcoop/contracts';
import { ClientIp, RequestLocale } from '../../common/http/request-params.js';
import type { Locale } from '../../common/i18n/locale.js';
import { CurrentActor } from '../admin/admin-actor.js';
import type { AdminActor } from '../admin/admin-actor.js';
import { Policy } from '../authz/policy.decorator.js';
import { MasterAccountService } from './master-account.service.js';
import { ReconciliationService } from './reconciliation.service.js';
import { reportCsv, reportXlsx, XLSX_TYPE } from './report-files.js';
import { VirtualCardsReports } from './virtual-cards-reports.js';

class MasterDto extends createZodDto(virtualCardsMasterSchema) {}
class FundDto extends createZodDto(fundMasterSchema) {}
class AllocateDto extends createZodDto(allocateFundsSchema) {}
class FundingResultDto extends createZodDto(fundingResultSchema) {}
class ReconciliationRunDto extends createZodDto(reconciliationRunSchema) {}
class ReconciliationListDto extends createZodDto(reconciliationListSchema) {}
class ReconciliationQueryDto extends createZodDto(reconciliationListQuerySchema) {}
class ReportQueryDto extends createZodDto(virtualCardsReportQuerySchema) {}
class PlatformReportDto extends createZodDto(platformVirtualCardsReportSchema) {}

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  required: true,
  description:
    'Chosen by the client (8-255 of A-Z a-z 0-9 _ - : .); a retry with it gets the first answer.',
};

/**
 * The payment-system operator's side of virtual cards (issue 15): the master account at Aifory
 * and the ledger's view of it, funding and allocation (step-up, Idempotency-Key, audited on the
 * platform chain), reconciliation with the provider, reports across cooperatives.
 */
@ApiTags('admin')
@Policy('admin.virtual-cards.read')
@Controller('admin/virtual-cards')
export class AdminVirtualCardsController {
  constructor(
    @Inject(MasterAccountService) private readonly master: MasterAccountService,
    @Inject(ReconciliationService) private readonly reconciliation: ReconciliationService,
    @Inject(VirtualCardsReports) private readonly reports: VirtualCardsReports,
  ) {}

  /** 503 PROVIDER_UNAVAILABLE with Retry-After when Aifory cannot be asked. */
  @Get()
  @ApiOperation({ summary: 'Admin: the master account — Aifory’s balance, the ledger’s view' })
  @ApiOkResponse({ type: MasterDto })
  get(): Promise<MasterDto> {
    return this.master.master();
  }

  @Post('fund')
  @Policy('admin.virtual-cards.write')
  @ApiOperation({ summary: 'Admin: record money put on the master account (for a cooperative)' })
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiCreatedResponse({ type: FundingResultDto })
  async fund(
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: FundDto,
    @CurrentActor() actor: AdminActor,
    @ClientIp() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FundingResultDto> {
    const result = await this.master.fund(key, body, actor, ip);
    reply.status(result.status);
    return result.body;
  }

  /** 422 INSUFFICIENT_FUNDS beyond the unallocated money. */
  @Post('allocate')
  @Policy('admin.virtual-cards.write')
  @ApiOperation({ summary: 'Admin: allocate unallocated master-account money to a cooperative' })
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiCreatedResponse({ type: FundingResultDto })
  async allocate(
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: AllocateDto,
    @CurrentActor() actor: AdminActor,
    @ClientIp() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FundingResultDto> {
    const result = await this.master.allocate(key, body, actor, ip);
    reply.status(result.status);
    return result.body;
  }

  @Post('reconcile')
  @HttpCode(201)
  @Policy('admin.virtual-cards.reconcile')
  @ApiOperation({ summary: 'Admin: reconcile the ledger with Aifory now (a kept report)' })
  @ApiCreatedResponse({ type: ReconciliationRunDto })
  reconcile(@CurrentActor() actor: AdminActor): Promise<ReconciliationRunDto> {
    return this.reconciliation.run('admin', actor);
  }

  @Get('reconciliations')
  @ApiOperation({ summary: 'Admin: reconciliation reports, latest first' })
  @ApiOkResponse({ type: ReconciliationListDto })
  reconciliations(@Query() query: ReconciliationQueryDto): Promise<ReconciliationListDto> {
    return this.reconciliation.latest(query.limit);
  }

  @Get('report')
  @ApiOperation({ summary: 'Admin: virtual-card report across cooperatives over a date range' })
  @ApiOkResponse({ type: PlatformReportDto })
  report(@Query() query: ReportQueryDto): Promise<PlatformReportDto> {
    return this.reports.forPlatform(query);
  }

  @Get('report.csv')
  @ApiOperation({ summary: 'Admin: the virtual-card report across cooperatives as CSV' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' } })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="virtual-cards-report.csv"')
  async csv(@Query() query: ReportQueryDto, @RequestLocale() locale: Locale): Promise<string> {
    return reportCsv((await this.reports.forPlatform(query)).cooperatives, locale);
  }

  @Get('report.xlsx')
  @ApiOperation({ summary: 'Admin: the virtual-card report across cooperatives as XLSX' })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async xlsx(
    @Query() query: ReportQueryDto,
    @RequestLocale() locale: Locale,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const report = await this.reports.forPlatform(query);
    reply.header('content-type', XLSX_TYPE);
    reply.header('content-disposition', 'attachment; filename="virtual-cards-report.xlsx"');
    return reportXlsx(report.cooperatives, query, locale);
  }
}
