import { Controller, Delete, HttpCode, Inject, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBasicAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { antelopeNameSchema } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { CoopClientGuard, CurrentCooperative } from '../cooperatives/coop-client.guard.js';
import type { CooperativeRow } from '../cooperatives/cooperatives.repository.js';
import { MembershipsRepository } from '../membership/memberships.repository.js';

function username(value: string): string {
  const parsed = antelopeNameSchema.safeParse(value);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', 422);
  return parsed.data;
}

/**
 * A cooperative confirms (or withdraws) the membership of a username in itself: the built-in
 * registry behind the membership check. It can speak only for its own coopname.
 */
@ApiTags('cooperative API')
@ApiBasicAuth()
@UseGuards(CoopClientGuard)
@Controller('coop/memberships')
export class CoopMembershipsController {
  constructor(@Inject(MembershipsRepository) private readonly memberships: MembershipsRepository) {}

  @Put(':username')
  @HttpCode(204)
  @ApiNoContentResponse()
  async confirm(
    @CurrentCooperative() cooperative: CooperativeRow,
    @Param('username') name: string,
  ): Promise<void> {
    await this.memberships.confirm(cooperative.coopname, username(name));
  }

  @Delete(':username')
  @HttpCode(204)
  @ApiNoContentResponse()
  async withdraw(
    @CurrentCooperative() cooperative: CooperativeRow,
    @Param('username') name: string,
  ): Promise<void> {
    await this.memberships.revoke(cooperative.coopname, username(name));
  }
}
