import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  webhookDeliveryPageSchema,
  webhookDeliveryQuerySchema,
  webhookEndpointCreateSchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
  webhookEndpointUpdateSchema,
  webhookEndpointWithSecretSchema,
  webhookPublicKeySchema,
  webhookTestResultSchema,
} from '@cardcoop/contracts';
import { AntelopeNamePipe } from '../../common/http/antelope-name.pipe.js';
import { ClientIp } from '../../common/http/request-params.js';
import { Policy } from '../authz/policy.decorator.js';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { WebhookSigner } from './webhook-signer.js';
import { WebhooksService } from './webhooks.service.js';

class WebhookEndpointCreateDto extends createZodDto(webhookEndpointCreateSchema) {}
class WebhookEndpointUpdateDto extends createZodDto(webhookEndpointUpdateSchema) {}
class WebhookEndpointDto extends createZodDto(webhookEndpointSchema) {}
class WebhookEndpointListDto extends createZodDto(webhookEndpointListSchema) {}
class WebhookEndpointWithSecretDto extends createZodDto(webhookEndpointWithSecretSchema) {}
class WebhookTestResultDto extends createZodDto(webhookTestResultSchema) {}
class WebhookDeliveryPageDto extends createZodDto(webhookDeliveryPageSchema) {}
class WebhookDeliveryQueryDto extends createZodDto(webhookDeliveryQuerySchema) {}
class WebhookPublicKeyDto extends createZodDto(webhookPublicKeySchema) {}

/** A cooperative's webhook endpoints, secrets and delivery log (business panel). */
@ApiTags('business')
@Controller('business/cooperatives/:coopname/webhooks')
export class WebhooksController {
  constructor(@Inject(WebhooksService) private readonly webhooks: WebhooksService) {}

  @Get()
  @Policy('business.webhooks.read')
  @ApiOperation({ summary: 'The cooperative’s webhook endpoints' })
  @ApiOkResponse({ type: WebhookEndpointListDto })
  async list(
    @Param('coopname', AntelopeNamePipe) coopname: string,
  ): Promise<WebhookEndpointListDto> {
    return { endpoints: await this.webhooks.list(coopname) };
  }

  /** The answer carries the signing secret, shown this once. 409 WEBHOOK_LIMIT_REACHED at 5. */
  @Post()
  @Policy('business.webhooks.write')
  @ApiOperation({ summary: 'Add a webhook endpoint (its secret is shown once)' })
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretDto })
  create(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @Body() body: WebhookEndpointCreateDto,
    @CurrentMember() member: Member,
    @ClientIp() ip: string,
  ): Promise<WebhookEndpointWithSecretDto> {
    return this.webhooks.create(coopname, body, { userId: member.userId, ip });
  }

  @Patch(':id')
  @Policy('business.webhooks.write')
  @ApiOperation({ summary: 'Change a webhook endpoint’s URL or events, or turn it on or off' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  update(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: WebhookEndpointUpdateDto,
    @CurrentMember() member: Member,
    @ClientIp() ip: string,
  ): Promise<WebhookEndpointDto> {
    return this.webhooks.update(coopname, id, body, { userId: member.userId, ip });
  }

  @Delete(':id')
  @Policy('business.webhooks.write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook endpoint and its delivery log' })
  @ApiNoContentResponse()
  async remove(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentMember() member: Member,
    @ClientIp() ip: string,
  ): Promise<void> {
    await this.webhooks.remove(coopname, id, { userId: member.userId, ip });
  }

  @Post(':id/rotate-secret')
  @Policy('business.webhooks.rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace a webhook endpoint’s signing secret (shown once)' })
  @ApiOkResponse({ type: WebhookEndpointWithSecretDto })
  rotateSecret(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentMember() member: Member,
    @ClientIp() ip: string,
  ): Promise<WebhookEndpointWithSecretDto> {
    return this.webhooks.rotateSecret(coopname, id, { userId: member.userId, ip });
  }

  @Post(':id/test')
  @Policy('business.webhooks.write')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a webhook.test event to the endpoint' })
  @ApiAcceptedResponse({ type: WebhookTestResultDto })
  test(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentMember() member: Member,
    @ClientIp() ip: string,
  ): Promise<WebhookTestResultDto> {
    return this.webhooks.test(coopname, id, { userId: member.userId, ip });
  }

  @Get(':id/deliveries')
  @Policy('business.webhooks.read')
  @ApiOperation({ summary: 'An endpoint’s delivery log, newest first' })
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  deliveries(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: WebhookDeliveryQueryDto,
  ): Promise<WebhookDeliveryPageDto> {
    return this.webhooks.deliveries(coopname, id, query.cursor, query.limit ?? 50);
  }

  @Post('deliveries/:deliveryId/redeliver')
  @Policy('business.webhooks.write')
  @HttpCode(204)
  @ApiOperation({ summary: 'Send a delivery’s event again (same webhook-id)' })
  @ApiNoContentResponse({ description: 'Queued; the delivery log shows the attempt' })
  async redeliver(
    @Param('coopname', AntelopeNamePipe) coopname: string,
    @Param('deliveryId', new ParseUUIDPipe()) deliveryId: string,
    @CurrentMember() member: Member,
    @ClientIp() ip: string,
  ): Promise<void> {
    await this.webhooks.redeliver(coopname, deliveryId, { userId: member.userId, ip });
  }
}

/** The platform's K1 public key of `x-cardcoop-k1-signature`, for MONO to pin. */
@ApiTags('business')
@Policy('public')
@Controller('.well-known')
export class WebhookPublicKeyController {
  constructor(@Inject(WebhookSigner) private readonly signer: WebhookSigner) {}

  @Get('webhook-public-key')
  @ApiOperation({ summary: 'The K1 public key webhook deliveries are signed with' })
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOkResponse({ type: WebhookPublicKeyDto })
  publicKey(): WebhookPublicKeyDto {
    return { public_key: this.signer.publicKey };
  }
}
