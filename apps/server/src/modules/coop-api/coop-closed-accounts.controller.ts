import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBasicAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  accountUsernameSchema,
  closedAccountListSchema,
  closedAccountsQuerySchema,
} from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { CardAccountsRepository } from '../card/card-accounts.repository.js';
import type { ClosedAccountsCursor } from '../card/card-accounts.repository.js';
import { CoopClientGuard, CurrentCooperative } from '../cooperatives/coop-client.guard.js';
import type { CooperativeRow } from '../cooperatives/cooperatives.repository.js';

class ClosedAccountsQueryDto extends createZodDto(closedAccountsQuerySchema) {}
class ClosedAccountListDto extends createZodDto(closedAccountListSchema) {}

/** The cursor: base64url of the JSON `[closed_at, username]` of the page's last account. */
const cursorSchema = z.tuple([z.iso.datetime(), accountUsernameSchema]);

const encodeCursor = (cursor: ClosedAccountsCursor) =>
  Buffer.from(JSON.stringify([cursor.closedAt.toISOString(), cursor.username])).toString(
    'base64url',
  );

function decodeCursor(value: string): ClosedAccountsCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const cursor = cursorSchema.safeParse(parsed);
  if (!cursor.success) {
    throw new AppError('VALIDATION_FAILED', 422, {
      details: [{ path: 'after', code: 'custom', message: 'not a cursor of this list' }],
    });
  }
  return { closedAt: new Date(cursor.data[0]), username: cursor.data[1] };
}

/**
 * The accounts members closed in the calling cooperative, oldest closing first, a page at a
 * time (keyset pagination): how a cooperative learns that a member left and its grant ended.
 * A cooperative sees its own accounts only.
 */
@ApiTags('cooperative API')
@ApiBasicAuth()
@UseGuards(CoopClientGuard)
@Controller('coop/closed-accounts')
export class CoopClosedAccountsController {
  constructor(@Inject(CardAccountsRepository) private readonly accounts: CardAccountsRepository) {}

  @Get()
  @ApiOkResponse({ type: ClosedAccountListDto })
  async list(
    @CurrentCooperative() cooperative: CooperativeRow,
    @Query() query: ClosedAccountsQueryDto,
  ): Promise<ClosedAccountListDto> {
    const after = query.after === undefined ? undefined : decodeCursor(query.after);
    const rows = await this.accounts.closedIn(cooperative.coopname, after, query.limit);
    const last = rows.at(-1);
    return {
      accounts: rows.map((row) => ({
        username: row.username,
        closed_at: row.closedAt.toISOString(),
      })),
      next: last && rows.length === query.limit ? encodeCursor(last) : null,
    };
  }
}
