import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  accountUsernameSchema,
  closedAccountListSchema,
  closedAccountsQuerySchema,
} from '@cardcoop/contracts';
import { keysetCursor } from '../../common/http/keyset-cursor.js';
import { CardAccountsRepository } from '../card/card-accounts.repository.js';
import type { ClosedAccountsCursor } from '../card/card-accounts.repository.js';
import { CurrentCooperative } from '../cooperatives/coop-client.guard.js';
import type { CooperativeRow } from '../cooperatives/cooperatives.repository.js';
import { Policy } from '../authz/policy.decorator.js';

class ClosedAccountsQueryDto extends createZodDto(closedAccountsQuerySchema) {}
class ClosedAccountListDto extends createZodDto(closedAccountListSchema) {}

/** The cursor: `[closed_at, username]` of the page's last account. */
const closedCursor = keysetCursor<ClosedAccountsCursor>({
  key: accountUsernameSchema,
  pair: (row) => [row.closedAt, row.username],
  position: (closedAt, username) => ({ closedAt, username }),
});

/**
 * The accounts members closed in the calling cooperative, oldest closing first, a page at a
 * time (keyset pagination): how a cooperative learns that a member left and its grant ended.
 * A cooperative sees its own accounts only.
 */
@ApiTags('cooperative API')
@Policy('coop-api')
@Controller('coop/closed-accounts')
export class CoopClosedAccountsController {
  constructor(@Inject(CardAccountsRepository) private readonly accounts: CardAccountsRepository) {}

  @Get()
  @ApiOperation({ summary: 'Cooperative: accounts members closed' })
  @ApiOkResponse({ type: ClosedAccountListDto })
  async list(
    @CurrentCooperative() cooperative: CooperativeRow,
    @Query() query: ClosedAccountsQueryDto,
  ): Promise<ClosedAccountListDto> {
    const after = closedCursor.decode(query.after);
    const rows = await this.accounts.closedIn(cooperative.coopname, after, query.limit);
    return {
      accounts: rows.map((row) => ({
        username: row.username,
        closed_at: row.closedAt.toISOString(),
      })),
      next: closedCursor.next(rows, query.limit),
    };
  }
}
