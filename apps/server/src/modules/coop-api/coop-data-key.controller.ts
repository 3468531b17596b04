import { Body, Controller, HttpCode, Inject, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { dataKeyCertificateSchema } from '@cardcoop/contracts';
import { CurrentCooperative } from '../cooperatives/coop-client.guard.js';
import type { CooperativeRow } from '../cooperatives/cooperatives.repository.js';
import { DataKeyService } from './data-key.service.js';
import { Policy } from '../authz/policy.decorator.js';

class DataKeyCertificateDto extends createZodDto(dataKeyCertificateSchema) {}

/** A cooperative publishes (or rotates) the key members' data is sealed to. */
@ApiTags('cooperative API')
@Policy('coop-api')
@Controller('coop/data-key')
export class CoopDataKeyController {
  constructor(@Inject(DataKeyService) private readonly dataKeys: DataKeyService) {}

  @Put()
  @ApiOperation({ summary: 'Cooperative: publish its certified data key' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async set(
    @CurrentCooperative() cooperative: CooperativeRow,
    @Body() body: DataKeyCertificateDto,
  ): Promise<void> {
    await this.dataKeys.publish(cooperative.coopname, body);
  }
}
