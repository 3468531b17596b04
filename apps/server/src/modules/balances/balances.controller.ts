import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { balanceListSchema } from '@cardcoop/contracts';
import { CurrentMember, MembersOnly } from '../sessions/member.guard.js';
import type { Member } from '../sessions/sessions.service.js';
import { BalancesService } from './balances.service.js';

class BalanceListDto extends createZodDto(balanceListSchema) {}

@ApiTags('balances')
@MembersOnly()
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
