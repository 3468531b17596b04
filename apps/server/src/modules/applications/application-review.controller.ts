import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import {
  applicationDecisionSchema,
  applicationQueueQuerySchema,
  applicationQueueSchema,
  reviewedApplicationSchema,
} from '@cardcoop/contracts';
import type { ApplicationDocumentKind } from '@cardcoop/contracts';
import { AntelopeNamePipe } from '../../common/http/antelope-name.pipe.js';
import { Policy } from '../authz/policy.decorator.js';
import { CurrentActor, DocumentKindPipe } from './application-params.js';
import { ApplicationsService } from './applications.service.js';
import type { Actor } from './applications.service.js';
import { DOCUMENT_CONTENT, sendDocument } from './document-download.js';

class ApplicationQueueQueryDto extends createZodDto(applicationQueueQuerySchema) {}
class ApplicationQueueDto extends createZodDto(applicationQueueSchema) {}
class ReviewedApplicationDto extends createZodDto(reviewedApplicationSchema) {}
class ApplicationDecisionDto extends createZodDto(applicationDecisionSchema) {}

/**
 * The payment-system operator's review queue: its reviewers (and platform admins) read the
 * applications and their documents and decide; approval (after a step-up) opens the extended
 * level.
 */
@ApiTags('admin')
@Policy('admin.applications.review')
@Controller('admin/applications')
export class ApplicationReviewController {
  constructor(@Inject(ApplicationsService) private readonly applications: ApplicationsService) {}

  @Get()
  @ApiOperation({ summary: 'Operator applications in one status (submitted by default)' })
  @ApiOkResponse({ type: ApplicationQueueDto })
  list(@Query() query: ApplicationQueueQueryDto): Promise<ApplicationQueueDto> {
    return this.applications.queue(query.status);
  }

  /** A draft is not the operator's to see: 404 until it is submitted. */
  @Get(':coopname')
  @ApiOperation({ summary: 'A cooperative’s operator application' })
  @ApiOkResponse({ type: ReviewedApplicationDto })
  get(@Param('coopname', AntelopeNamePipe) coopname: string): Promise<ReviewedApplicationDto> {
    return this.applications.reviewed(coopname);
  }

  @Get(':coopname/documents/:kind')
  @ApiOperation({ summary: 'Download a document of a cooperative’s application' })
  @ApiOkResponse(DOCUMENT_CONTENT)
  async download(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @Param('kind', DocumentKindPipe) kind: ApplicationDocumentKind,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendDocument(reply, await this.applications.document(coopname, kind, true));
  }

  /** Sets the cooperative's level to `extended` in the same transaction. */
  @Post(':coopname/approve')
  @HttpCode(200)
  @Policy('admin.applications.approve')
  @ApiOperation({ summary: 'Approve a submitted application (step-up)' })
  @ApiOkResponse({ type: ReviewedApplicationDto })
  approve(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @CurrentActor() actor: Actor,
  ): Promise<ReviewedApplicationDto> {
    return this.applications.decide(coopname, 'approved', actor, null);
  }

  @Post(':coopname/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a submitted application, with the reason' })
  @ApiOkResponse({ type: ReviewedApplicationDto })
  reject(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @Body() body: ApplicationDecisionDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReviewedApplicationDto> {
    return this.applications.decide(coopname, 'rejected', actor, body.reason);
  }

  @Post(':coopname/request-changes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a submitted application back for changes, with the reason' })
  @ApiOkResponse({ type: ReviewedApplicationDto })
  requestChanges(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @Body() body: ApplicationDecisionDto,
    @CurrentActor() actor: Actor,
  ): Promise<ReviewedApplicationDto> {
    return this.applications.decide(coopname, 'changes_requested', actor, body.reason);
  }
}
