import { Controller, Headers, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { aiforyWebhookSchema, verifyAiforySignature } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import { Policy } from '../authz/policy.decorator.js';
import { ProviderWebhooksService } from './provider-webhooks.service.js';
import { VirtualCardNotices } from './virtual-card-notices.js';

/**
 * Aifory → card.coop: transactions, deposits settled, card status changes. Public, so the
 * signature is the authentication: HMAC-SHA512 of the exact body under AIFORY_WEBHOOK_SECRET
 * (401 otherwise, nothing applied). Applied once per event id; 204 for a duplicate too, so the
 * provider stops resending.
 */
@ApiTags('virtual cards')
@Policy('public')
@Controller('aifory/webhook')
export class ProviderWebhooksController {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(ProviderWebhooksService) private readonly webhooks: ProviderWebhooksService,
    @Inject(VirtualCardNotices) private readonly notices: VirtualCardNotices,
  ) {}

  @Post()
  @HttpCode(204)
  @ApiOperation({ summary: 'Aifory webhook (signed): transactions, deposits, card status' })
  @ApiHeader({ name: 'Signature', required: true, description: 'hex HMAC-SHA512 of the body' })
  @ApiNoContentResponse()
  async receive(
    @Req() request: FastifyRequest,
    @Headers('signature') signature: string | undefined,
  ): Promise<void> {
    const raw = (request as { rawBody?: string }).rawBody;
    const valid =
      raw !== undefined &&
      signature !== undefined &&
      (await verifyAiforySignature(raw, this.config.aifory.webhookSecret, signature));
    if (!valid) throw new AppError('UNAUTHORIZED', 401);
    const parsed = aiforyWebhookSchema.safeParse(request.body);
    if (!parsed.success) {
      throw new AppError('VALIDATION_FAILED', 422, {
        details: parsed.error.issues.map((issue) => ({
          path: issue.path.map(String).join('.'),
          code: issue.code,
          message: issue.message,
        })),
      });
    }
    const applied = await this.webhooks.apply(parsed.data);
    await this.notices.afterWebhook(parsed.data, applied);
  }
}
