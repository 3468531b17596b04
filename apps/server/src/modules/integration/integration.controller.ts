import { Body, Controller, Delete, Get, HttpCode, Inject, Patch, Post, Put } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  businessIntegrationSchema,
  publishDataKeySchema,
  rotateClientSecretSchema,
  rotatedClientSecretSchema,
  updateIntegrationSchema,
  uploadLogoSchema,
} from '@cardcoop/contracts';
import { Policy } from '../authz/policy.decorator.js';
import { IntegrationService } from './integration.service.js';
import { CurrentActor } from './staff.js';
import type { Actor } from './staff.js';

class BusinessIntegrationDto extends createZodDto(businessIntegrationSchema) {}
class UpdateIntegrationDto extends createZodDto(updateIntegrationSchema) {}
class UploadLogoDto extends createZodDto(uploadLogoSchema) {}
class RotateClientSecretDto extends createZodDto(rotateClientSecretSchema) {}
class RotatedClientSecretDto extends createZodDto(rotatedClientSecretSchema) {}
class PublishDataKeyDto extends createZodDto(publishDataKeySchema) {}

/**
 * A cooperative's integration settings in the business panel: every staff member reads them,
 * owners and admins change them, only owners rotate the client secret (with step-up), owners and
 * admins publish the data key (with step-up). The policy guard resolves the role in `:coopname`.
 */
@ApiTags('business')
@ApiParam({ name: 'coopname', description: 'The cooperative (its Antelope account)' })
@Controller('business/cooperatives/:coopname/integration')
export class IntegrationController {
  constructor(@Inject(IntegrationService) private readonly integration: IntegrationService) {}

  @Get()
  @Policy('business.cooperative.read')
  @ApiOperation({ summary: 'Business: the cooperative’s integration settings' })
  @ApiOkResponse({ type: BusinessIntegrationDto })
  get(@CurrentActor() actor: Actor): Promise<BusinessIntegrationDto> {
    return this.integration.get(actor.staff.coopname);
  }

  /** On top of `expected_revision`; 409 CONFLICT when someone changed them meanwhile. */
  @Patch()
  @Policy('business.integration.update')
  @ApiOperation({ summary: 'Business: change the integration settings' })
  @ApiOkResponse({ type: BusinessIntegrationDto })
  update(
    @CurrentActor() actor: Actor,
    @Body() body: UpdateIntegrationDto,
  ): Promise<BusinessIntegrationDto> {
    return this.integration.update(actor, body);
  }

  @Put('logo')
  @Policy('business.integration.update')
  @ApiOperation({ summary: 'Business: set the logo shown on the consent screen' })
  @ApiOkResponse({ type: BusinessIntegrationDto })
  putLogo(
    @CurrentActor() actor: Actor,
    @Body() body: UploadLogoDto,
  ): Promise<BusinessIntegrationDto> {
    return this.integration.putLogo(actor, body);
  }

  @Delete('logo')
  @Policy('business.integration.update')
  @ApiOperation({ summary: 'Business: remove the logo' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async removeLogo(@CurrentActor() actor: Actor): Promise<void> {
    await this.integration.removeLogo(actor);
  }

  /** The new secret is in this answer only; the previous one works for `grace_minutes` more. */
  @Post('client-secret')
  @Policy('business.integration.rotate-secret')
  @ApiOperation({ summary: 'Business: rotate the client secret (with a grace period)' })
  @HttpCode(200)
  @ApiOkResponse({ type: RotatedClientSecretDto })
  rotateSecret(
    @CurrentActor() actor: Actor,
    @Body() body: RotateClientSecretDto,
  ): Promise<RotatedClientSecretDto> {
    return this.integration.rotateSecret(actor, body.grace_minutes);
  }

  /** The same checks as the cooperative API's `PUT /coop/data-key`. */
  @Put('data-key')
  @Policy('business.integration.data-key')
  @ApiOperation({ summary: 'Business: publish a certified data key' })
  @ApiOkResponse({ type: BusinessIntegrationDto })
  publishDataKey(
    @CurrentActor() actor: Actor,
    @Body() body: PublishDataKeyDto,
  ): Promise<BusinessIntegrationDto> {
    return this.integration.publishDataKey(actor, body.certificate);
  }
}
