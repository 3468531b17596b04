import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { cooperativeListSchema } from '@cardcoop/contracts';
import type { Cooperative } from '@cardcoop/contracts';
import { CooperativesService } from '../cooperatives/cooperatives.service.js';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { CardAccountsService } from './card-accounts.service.js';
import { Policy } from '../authz/policy.decorator.js';

class CooperativeListDto extends createZodDto(cooperativeListSchema) {}

/**
 * The active, verified cooperatives (and any where the member has an open account), with the
 * member's open account and membership in each.
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
  @ApiOperation({ summary: 'The active cooperatives, with the member’s account in each' })
  @ApiOkResponse({ type: CooperativeListDto })
  async list(@CurrentMember() member: Member): Promise<CooperativeListDto> {
    // Open accounts only: after closing one, the member may open a new account there.
    const open = (await this.accounts.list(member.userId)).filter((a) => a.closed_at === null);
    const mine = new Map(open.map((a) => [a.coopname, a]));
    const cooperatives: Cooperative[] = (await this.cooperatives.list())
      // An unverified integration is a test (ADR 019): only its own test members see it.
      .filter(
        (cooperative) =>
          cooperative.status === 'active' &&
          (cooperative.verifiedAt !== null || mine.has(cooperative.coopname)),
      )
      .map((cooperative) => {
        const account = mine.get(cooperative.coopname);
        return {
          coopname: cooperative.coopname,
          display_name: cooperative.displayName,
          account: account ? { username: account.username, membership: account.membership } : null,
          accepts_data: cooperative.dataKey !== null,
        };
      });
    return { cooperatives };
  }
}
