import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { coopTokenSchema, encryptedDataSchema, exchangeTicketSchema } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { CurrentCooperative } from '../cooperatives/coop-client.guard.js';
import type { CooperativeRow } from '../cooperatives/cooperatives.repository.js';
import { SharingService } from './sharing.service.js';
import { Policy } from '../authz/policy.decorator.js';

class ExchangeTicketDto extends createZodDto(exchangeTicketSchema) {}
class CoopTokenDto extends createZodDto(coopTokenSchema) {}
class EncryptedDataDto extends createZodDto(encryptedDataSchema) {}

/** The cooperative's side of sharing: the token endpoint and the data it unlocks. */
@ApiTags('cooperative API')
@Controller('access')
export class CoopAccessController {
  constructor(@Inject(SharingService) private readonly sharing: SharingService) {}

  @Post('exchange-ticket')
  @ApiOperation({ summary: 'Cooperative: exchange a ticket (PKCE) for an access token' })
  @HttpCode(200)
  @Policy('coop-api')
  @ApiOkResponse({ type: CoopTokenDto })
  exchange(
    @CurrentCooperative() cooperative: CooperativeRow,
    @Body() body: ExchangeTicketDto,
  ): Promise<CoopTokenDto> {
    return this.sharing.exchange(cooperative, body);
  }

  @Get('get-encrypted-data/:username/:coopname')
  @Policy('coop-api.read-shared-data')
  @ApiOperation({ summary: 'Cooperative: the sealed data a member shared' })
  @ApiOkResponse({ type: EncryptedDataDto })
  read(
    @Headers('authorization') authorization: string | undefined,
    @Param('username') username: string,
    @Param('coopname') coopname: string,
  ): Promise<EncryptedDataDto> {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
    if (!token)
      throw new AppError('UNAUTHORIZED', 401, { headers: { 'WWW-Authenticate': 'Bearer' } });
    return this.sharing.encryptedData(token, username, coopname);
  }
}
