import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import {
  cardDetailsSchema,
  cardEligibilitySchema,
  cardIdParamsSchema,
  cardTransactionPageSchema,
  cardTransactionsQuerySchema,
  issueVirtualCardResultSchema,
  issueVirtualCardSchema,
  operationIdParamsSchema,
  setCardLimitsSchema,
  topUpResultSchema,
  topUpSchema,
  virtualCardListSchema,
  virtualCardSchema,
} from '@cardcoop/contracts';
import { ClientIp } from '../../common/http/request-params.js';
import { Policy } from '../authz/policy.decorator.js';
import { CurrentMember } from '../sessions/current-member.js';
import type { Member } from '../sessions/sessions.service.js';
import { CardIssuingService } from './card-issuing.service.js';
import { EligibilityService } from './eligibility.service.js';
import { TopUpsService } from './top-ups.service.js';
import { VirtualCardsService } from './virtual-cards.service.js';

class IssueVirtualCardDto extends createZodDto(issueVirtualCardSchema) {}
class IssueCardResultDto extends createZodDto(issueVirtualCardResultSchema) {}
class CardIdParamsDto extends createZodDto(cardIdParamsSchema) {}
class OperationIdParamsDto extends createZodDto(operationIdParamsSchema) {}
class CardDetailsDto extends createZodDto(cardDetailsSchema) {}
class TopUpDto extends createZodDto(topUpSchema) {}
class TopUpResultDto extends createZodDto(topUpResultSchema) {}
class TransactionsQueryDto extends createZodDto(cardTransactionsQuerySchema) {}
class TransactionPageDto extends createZodDto(cardTransactionPageSchema) {}
class SetLimitsDto extends createZodDto(setCardLimitsSchema) {}
class VirtualCardDto extends createZodDto(virtualCardSchema) {}
class VirtualCardListDto extends createZodDto(virtualCardListSchema) {}
class EligibilityDto extends createZodDto(cardEligibilitySchema) {}

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  required: true,
  description:
    'Chosen by the client (8-255 of A-Z a-z 0-9 _ - : .); a retry with it gets the first answer.',
};

/**
 * A member's Aifory virtual cards (issue 15, ADR 021) under the spec's names: issue, details
 * (after a step-up), top-up, transactions; and list, freeze, unfreeze, limits.
 */
@ApiTags('virtual cards')
@Policy('member')
@Controller('aifory')
export class VirtualCardsController {
  constructor(
    @Inject(VirtualCardsService) private readonly cards: VirtualCardsService,
    @Inject(CardIssuingService) private readonly issuing: CardIssuingService,
    @Inject(TopUpsService) private readonly topUps: TopUpsService,
    @Inject(EligibilityService) private readonly eligibility: EligibilityService,
  ) {}

  @Get('cards')
  @ApiOperation({ summary: 'The member’s virtual cards (last 4 digits, status, balance, limits)' })
  @ApiOkResponse({ type: VirtualCardListDto })
  async list(@CurrentMember() member: Member): Promise<VirtualCardListDto> {
    return { items: await this.cards.list(member.userId) };
  }

  @Get('eligibility')
  @ApiOperation({ summary: 'Where the member may issue a virtual card, and why not elsewhere' })
  @ApiOkResponse({ type: EligibilityDto })
  async eligible(@CurrentMember() member: Member): Promise<EligibilityDto> {
    const [items, offer] = await Promise.all([
      this.eligibility.forMember(member.userId),
      // The fees are the provider's; without it the list still says where one may issue.
      this.issuing.defaultOffer().catch(() => undefined),
    ]);
    return {
      items: items.map((item) => ({
        coopname: item.cooperative.coopname,
        display_name: item.cooperative.displayName,
        eligible: item.reasons.length === 0,
        reasons: item.reasons,
        issue_fee: offer ? offer.issueFee : null,
        top_up_fee_bps: offer ? offer.topupFeeBps : null,
        kyc: item.kyc,
      })),
    };
  }

  @Post('issue-card')
  @ApiOperation({ summary: 'Issue a virtual card (the fee from the cooperative’s funds)' })
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiCreatedResponse({ type: IssueCardResultDto })
  @ApiAcceptedResponse({
    type: IssueCardResultDto,
    description: 'Ordered; the provider has not answered yet',
  })
  async issue(
    @CurrentMember() member: Member,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: IssueVirtualCardDto,
    @ClientIp() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IssueCardResultDto> {
    const result = await this.issuing.issue(member.userId, key, body, ip);
    reply.status(result.status);
    return result.body;
  }

  @Get('cards/:card_id')
  @ApiOperation({ summary: 'One virtual card' })
  @ApiOkResponse({ type: VirtualCardDto })
  get(@CurrentMember() member: Member, @Param() params: CardIdParamsDto): Promise<VirtualCardDto> {
    return this.cards.get(member.userId, params.card_id);
  }

  /** Never stored, logged or cached; audited. Needs 2FA and a step-up in the last 5 minutes. */
  @Get('card-details/:card_id')
  @Policy('virtual-cards.reveal')
  @ApiOperation({ summary: 'The card’s number, expiry and CVV, live from the provider (step-up)' })
  @ApiOkResponse({ type: CardDetailsDto })
  async details(
    @CurrentMember() member: Member,
    @Param() params: CardIdParamsDto,
    @ClientIp() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CardDetailsDto> {
    reply.header('cache-control', 'no-store');
    reply.header('pragma', 'no-cache');
    return this.cards.details(member.userId, params.card_id, ip);
  }

  @Post('top-up')
  @ApiOperation({ summary: 'Top up a virtual card from the cooperative’s funds' })
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiOkResponse({ type: TopUpResultDto, description: 'Settled: confirmed or failed' })
  @ApiAcceptedResponse({
    type: TopUpResultDto,
    description: 'Pending: the provider has not settled it yet',
  })
  async topUp(
    @CurrentMember() member: Member,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: TopUpDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TopUpResultDto> {
    const result = await this.topUps.topUp(member.userId, key, body);
    reply.status(result.status);
    return result.body;
  }

  @Get('operations/:operation_id')
  @ApiOperation({ summary: 'A top-up, to follow a pending one' })
  @ApiOkResponse({ type: TopUpResultDto })
  operation(
    @CurrentMember() member: Member,
    @Param() params: OperationIdParamsDto,
  ): Promise<TopUpResultDto> {
    return this.topUps.operation(member.userId, params.operation_id);
  }

  @Get('transactions/:card_id')
  @ApiOperation({ summary: 'A virtual card’s transactions, newest first (filters, keyset)' })
  @ApiOkResponse({ type: TransactionPageDto })
  transactions(
    @CurrentMember() member: Member,
    @Param() params: CardIdParamsDto,
    @Query() query: TransactionsQueryDto,
  ): Promise<TransactionPageDto> {
    return this.cards.transactions(member.userId, params.card_id, query);
  }

  @Post('cards/:card_id/freeze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Freeze a virtual card (purchases are declined)' })
  @ApiOkResponse({ type: VirtualCardDto })
  freeze(
    @CurrentMember() member: Member,
    @Param() params: CardIdParamsDto,
    @ClientIp() ip: string,
  ): Promise<VirtualCardDto> {
    return this.cards.freeze(member.userId, params.card_id, ip);
  }

  @Post('cards/:card_id/unfreeze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unfreeze a virtual card' })
  @ApiOkResponse({ type: VirtualCardDto })
  unfreeze(
    @CurrentMember() member: Member,
    @Param() params: CardIdParamsDto,
    @ClientIp() ip: string,
  ): Promise<VirtualCardDto> {
    return this.cards.unfreeze(member.userId, params.card_id, ip);
  }

  @Put('cards/:card_id/limits')
  @ApiOperation({ summary: 'Set a virtual card’s limits (revision-checked)' })
  @ApiOkResponse({ type: VirtualCardDto })
  limits(
    @CurrentMember() member: Member,
    @Param() params: CardIdParamsDto,
    @Body() body: SetLimitsDto,
    @ClientIp() ip: string,
  ): Promise<VirtualCardDto> {
    return this.cards.setLimits(
      member.userId,
      params.card_id,
      body.limits,
      body.expected_revision,
      ip,
    );
  }
}
