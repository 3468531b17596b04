import { Body, Controller, HttpCode, Inject, Put, UseGuards } from '@nestjs/common';
import { ApiBasicAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { dataKeyCertificateSchema } from '@cardcoop/contracts';
import { CoopClientGuard, CurrentCooperative } from '../cooperatives/coop-client.guard.js';
import type { CooperativeRow } from '../cooperatives/cooperatives.repository.js';
import { DataKeyService } from './data-key.service.js';

class DataKeyCertificateDto extends createZodDto(dataKeyCertificateSchema) {}

/** A cooperative publishes (or rotates) the key members' data is sealed to. */
@ApiTags('cooperative API')
@ApiBasicAuth()
@UseGuards(CoopClientGuard)
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
