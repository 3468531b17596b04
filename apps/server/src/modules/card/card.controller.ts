import { Body, Controller, Get, HttpCode, Inject, Post, Put } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import {
  accountChallengeRequestSchema,
  accountChallengeSchema,
  addAccountSchema,
  cardAccountListSchema,
  cardAccountSchema,
  cardIssuedSchema,
  cardRevisionSchema,
  closeAccountSchema,
  issueCardSchema,
  storedCardSchema,
  updateCardSchema,
} from '@cardcoop/contracts';
import { ClientIp } from '../../common/http/request-params.js';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { CardAccountsService } from './card-accounts.service.js';
import { CardService } from './card.service.js';
import { Policy } from '../authz/policy.decorator.js';

class IssueCardDto extends createZodDto(issueCardSchema) {}
class UpdateCardDto extends createZodDto(updateCardSchema) {}
class CardIssuedDto extends createZodDto(cardIssuedSchema) {}
class StoredCardDto extends createZodDto(storedCardSchema) {}
class CardRevisionDto extends createZodDto(cardRevisionSchema) {}
class AddAccountDto extends createZodDto(addAccountSchema) {}
class CardAccountDto extends createZodDto(cardAccountSchema) {}
class CardAccountListDto extends createZodDto(cardAccountListSchema) {}
class CloseAccountDto extends createZodDto(closeAccountSchema) {}
class AccountChallengeRequestDto extends createZodDto(accountChallengeRequestSchema) {}
class AccountChallengeDto extends createZodDto(accountChallengeSchema) {}

@ApiTags('card')
@Policy('member')
@Controller('card')
export class CardController {
  constructor(
    @Inject(CardService) private readonly cards: CardService,
    @Inject(CardAccountsService) private readonly accounts: CardAccountsService,
  ) {}

  /**
   * A single-use challenge (5 minutes) for proving the key of an account that exists on chain,
   * bound to the member, the cooperative and the username; answered in `add-account`'s `proof`.
   */
  @Post('account-challenge')
  @ApiOperation({ summary: 'A challenge for proving the key of an existing chain account' })
  @HttpCode(201)
  @ApiCreatedResponse({ type: AccountChallengeDto })
  accountChallenge(
    @CurrentMember() member: Member,
    @Body() body: AccountChallengeRequestDto,
  ): Promise<AccountChallengeDto> {
    return this.accounts.challenge(member.userId, body);
  }

  /**
   * Adds the member's account in a cooperative (key pair and username made on the client). A
   * username that exists on chain needs a key of that account and a `proof` of holding it.
   */
  @Post('add-account')
  @ApiOperation({ summary: 'Add the member’s account in a cooperative' })
  @HttpCode(201)
  @ApiCreatedResponse({ type: CardAccountDto })
  addAccount(
    @CurrentMember() member: Member,
    @Body() body: AddAccountDto,
    @ClientIp() ip: string,
  ): Promise<CardAccountDto> {
    return this.accounts.add(member.userId, body, ip);
  }

  /**
   * Closes the member's open account in a cooperative: its grant is revoked (the cooperative's
   * tokens stop at once, and it learns of the closing from `GET /coop/closed-accounts`), and the
   * username is never given again. 404 when there is no open account there.
   */
  @Post('close-account')
  @ApiOperation({ summary: 'Close the member’s account in a cooperative' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async closeAccount(
    @CurrentMember() member: Member,
    @Body() body: CloseAccountDto,
    @ClientIp() ip: string,
  ): Promise<void> {
    await this.accounts.close(member.userId, body.coopname, ip);
  }

  /** The member's accounts: open ones first, then closed ones (with `closed_at`). */
  @Get('accounts')
  @ApiOperation({ summary: 'The member’s accounts in cooperatives' })
  @ApiOkResponse({ type: CardAccountListDto })
  async listAccounts(@CurrentMember() member: Member): Promise<CardAccountListDto> {
    return { accounts: await this.accounts.list(member.userId) };
  }

  /** Issues the member's one card; 409 when it exists. */
  @Post('issue')
  @ApiOperation({ summary: 'Issue the member’s card (sealed)' })
  @HttpCode(201)
  @ApiCreatedResponse({ type: CardIssuedDto })
  issue(
    @CurrentMember() member: Member,
    @Body() body: IssueCardDto,
    @ClientIp() ip: string,
  ): Promise<CardIssuedDto> {
    return this.cards.issue(member.userId, body, ip);
  }

  @Get()
  @ApiOperation({ summary: 'The member’s sealed card' })
  @ApiOkResponse({ type: StoredCardDto })
  get(@CurrentMember() member: Member): Promise<StoredCardDto> {
    return this.cards.get(member.userId);
  }

  /** Replaces the card on top of `expected_revision`; 409 on a stale revision. */
  @Put()
  @ApiOperation({ summary: 'Replace the sealed card at its revision' })
  @ApiOkResponse({ type: CardRevisionDto })
  update(
    @CurrentMember() member: Member,
    @Body() body: UpdateCardDto,
    @ClientIp() ip: string,
  ): Promise<CardRevisionDto> {
    return this.cards.update(member.userId, body.expected_revision, body, ip);
  }
}
