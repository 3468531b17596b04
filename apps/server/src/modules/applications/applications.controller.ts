import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Res,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import {
  APPLICATION_DOCUMENT_TYPES,
  applicationStateSchema,
  operatorApplicationSchema,
  saveApplicationSchema,
} from '@cardcoop/contracts';
import type { ApplicationDocumentKind } from '@cardcoop/contracts';
import { AntelopeNamePipe } from '../../common/http/antelope-name.pipe.js';
import { Policy } from '../authz/policy.decorator.js';
import { CurrentActor, DocumentKindPipe } from './application-params.js';
import { ApplicationsService } from './applications.service.js';
import type { Actor } from './applications.service.js';
import { DocumentBody, DocumentUpload } from './document-body.js';
import type { UploadedDocument } from './document-body.js';
import { DOCUMENT_CONTENT, sendDocument } from './document-download.js';

class ApplicationStateDto extends createZodDto(applicationStateSchema) {}
class OperatorApplicationDto extends createZodDto(operatorApplicationSchema) {}
class SaveApplicationDto extends createZodDto(saveApplicationSchema) {}

/**
 * The cooperative's operator application (extended level): staff read it, owners and admins
 * edit the draft and attach documents, the owner submits it to the payment-system operator.
 */
@ApiTags('business')
@Controller('business/cooperatives/:coopname/application')
export class ApplicationsController {
  constructor(@Inject(ApplicationsService) private readonly applications: ApplicationsService) {}

  @Get()
  @Policy('business.application.read')
  @ApiOperation({ summary: 'The cooperative’s level and its operator application' })
  @ApiOkResponse({ type: ApplicationStateDto })
  get(@Param('coopname', AntelopeNamePipe) coopname: string): Promise<ApplicationStateDto> {
    return this.applications.state(coopname);
  }

  /**
   * Replaces the draft's form on top of `expected_revision` (0 starts an application); 409
   * CONFLICT on a concurrent edit, APPLICATION_NOT_EDITABLE once submitted or decided.
   */
  @Put()
  @Policy('business.application.update')
  @ApiOperation({ summary: 'Save the application form (draft)' })
  @ApiOkResponse({ type: OperatorApplicationDto })
  save(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @Body() body: SaveApplicationDto,
    @CurrentActor() actor: Actor,
  ): Promise<OperatorApplicationDto> {
    return this.applications.saveForm(coopname, actor, body.expected_revision, body.form);
  }

  /** 422 APPLICATION_INCOMPLETE names every missing field and document in `details`. */
  @Post('submit')
  @HttpCode(200)
  @Policy('business.application.submit')
  @ApiOperation({ summary: 'Submit the application to the payment-system operator' })
  @ApiOkResponse({ type: OperatorApplicationDto })
  submit(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @CurrentActor() actor: Actor,
  ): Promise<OperatorApplicationDto> {
    return this.applications.submit(coopname, actor);
  }

  /**
   * The raw file is the body (ADR 020), at most 10 MB: its type is sniffed from its first bytes
   * and must be the declared `Content-Type` (415 DOCUMENT_TYPE_REFUSED otherwise); uploading a
   * kind again replaces it.
   */
  @Put('documents/:kind')
  @DocumentUpload()
  @Policy('business.application.update')
  @ApiOperation({ summary: 'Attach a document to the application (raw PDF, JPEG or PNG body)' })
  @ApiConsumes(...APPLICATION_DOCUMENT_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiHeader({
    name: 'X-File-Name',
    required: false,
    description: 'The file’s name, URL-encoded (kept at most 200 characters)',
  })
  @ApiOkResponse({ type: OperatorApplicationDto })
  upload(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @Param('kind', DocumentKindPipe) kind: ApplicationDocumentKind,
    @DocumentBody() file: UploadedDocument,
    @Headers('x-file-name') fileName: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<OperatorApplicationDto> {
    return this.applications.putDocument(coopname, kind, actor, file, fileName);
  }

  @Get('documents/:kind')
  @Policy('business.application.read')
  @ApiOperation({ summary: 'Download a document of the application' })
  @ApiOkResponse(DOCUMENT_CONTENT)
  async download(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @Param('kind', DocumentKindPipe) kind: ApplicationDocumentKind,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendDocument(reply, await this.applications.document(coopname, kind));
  }

  @Delete('documents/:kind')
  @HttpCode(204)
  @Policy('business.application.update')
  @ApiOperation({ summary: 'Remove a document (draft or changes requested only)' })
  @ApiNoContentResponse()
  async remove(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @Param('kind', DocumentKindPipe) kind: ApplicationDocumentKind,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.applications.deleteDocument(coopname, kind, actor);
  }
}
