import { Body, Controller, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { balancesInputSchema } from '@cardcoop/contracts';
import { AntelopeNamePipe } from '../../common/http/antelope-name.pipe.js';
import { CurrentCooperative } from '../cooperatives/coop-client.guard.js';
import type { CooperativeRow } from '../cooperatives/cooperatives.repository.js';
import { BalancesService } from './balances.service.js';
import { Policy } from '../authz/policy.decorator.js';

class BalancesInputDto extends createZodDto(balancesInputSchema) {}

/**
 * A cooperative pushes a member's balances in itself: share contribution, membership fees
 * paid, other named funds. Only for an open account of its own; idempotent.
 */
@ApiTags('cooperative API')
@Policy('coop-api')
@Controller('coop/members')
export class CoopBalancesController {
  constructor(@Inject(BalancesService) private readonly balances: BalancesService) {}

  /** Replaces the member's whole set of balances; 404 for a username not open in this cooperative. */
  @Put(':username/balances')
  @ApiOperation({ summary: 'Cooperative: replace a member’s balances' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async push(
    @CurrentCooperative() cooperative: CooperativeRow,
    @Param('username', AntelopeNamePipe) username: string,
    @Body() body: BalancesInputDto,
  ): Promise<void> {
    await this.balances.push(cooperative.coopname, username, body);
  }
}
