import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { balanceListSchema } from '@cardcoop/contracts';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { BalancesService } from './balances.service.js';
import { Policy } from '../authz/policy.decorator.js';

class BalanceListDto extends createZodDto(balanceListSchema) {}

@ApiTags('balances')
@Policy('member')
@Controller('balances')
export class BalancesController {
  constructor(@Inject(BalancesService) private readonly balances: BalancesService) {}

  /** The member's balances per cooperative where the membership is confirmed. */
  @Get()
  @ApiOperation({ summary: 'The member’s balances per cooperative' })
  @ApiOkResponse({ type: BalanceListDto })
  list(@CurrentMember() member: Member): Promise<BalanceListDto> {
    return this.balances.listFor(member.userId);
  }
}
