import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { cooperativeListSchema, cooperativePageQuerySchema } from '@cardcoop/contracts';
import type { Cooperative } from '@cardcoop/contracts';
import { CooperativesService } from '../cooperatives/cooperatives.service.js';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { CardAccountsService } from './card-accounts.service.js';
import { Policy } from '../authz/policy.decorator.js';

class CooperativeListDto extends createZodDto(cooperativeListSchema) {}
class CooperativePageQueryDto extends createZodDto(cooperativePageQuerySchema) {}

/**
 * The active, verified cooperatives (and any where the member has an open account), by coopname
 * in keyset pages, with the member's open account and membership in each.
 */
@ApiTags('card')
@Policy('member')
@Controller('cooperatives')
export class CooperativesController {
  constructor(
    @Inject(CooperativesService) private readonly cooperatives: CooperativesService,
    @Inject(CardAccountsService) private readonly accounts: CardAccountsService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The active cooperatives by coopname, a page at a time, with the member’s account in each',
  })
  @ApiOkResponse({ type: CooperativeListDto })
  async list(
    @CurrentMember() member: Member,
    @Query() query: CooperativePageQueryDto,
  ): Promise<CooperativeListDto> {
    // An unverified integration is a test (ADR 019): only its own test members see it (in SQL).
    const { rows, next } = await this.cooperatives.page(query.cursor, query.limit, member.userId);
    // Open accounts only: after closing one, the member may open a new account there.
    const open = (await this.accounts.list(member.userId)).filter((a) => a.closed_at === null);
    const mine = new Map(open.map((a) => [a.coopname, a]));
    const cooperatives: Cooperative[] = rows.map((cooperative) => {
      const account = mine.get(cooperative.coopname);
      return {
        coopname: cooperative.coopname,
        display_name: cooperative.displayName,
        account: account ? { username: account.username, membership: account.membership } : null,
        accepts_data: cooperative.dataKey !== null,
      };
    });
    return { cooperatives, next_cursor: next };
  }
}
