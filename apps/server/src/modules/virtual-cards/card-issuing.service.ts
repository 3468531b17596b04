import { Inject, Injectable } from '@nestjs/common';
import type { IssueVirtualCard, IssueVirtualCardResult } from '@cardcoop/contracts';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../common/errors/app-error.js';
import { AIFORY_PROVIDER } from '../aifory/provider/aifory.provider.js';
import type { AiforyProvider, CardOffer, IssuedCard } from '../aifory/provider/aifory.provider.js';
import {
  AiforyError,
  AiforyOutcomeUnknown,
  providerUnavailableError,
} from '../aifory/provider/aifory-errors.js';
import { appendChangeEvent } from '../cooperatives/cooperatives.repository.js';
import { AuditService } from '../audit/audit.service.js';
import { CardAccountsService } from '../card/card-accounts.service.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import type { IdempotentResult } from '../idempotency/idempotency.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import type { MoneyOperationRow } from '../ledger/money-operations.repository.js';
import { EligibilityService } from './eligibility.service.js';
import type { Eligibility } from './eligibility.service.js';
import { VirtualCardsRepository } from './virtual-cards.repository.js';
import type { VirtualCardRow } from './virtual-cards.repository.js';
import { VirtualCardNotices } from './virtual-card-notices.js';
import { VirtualCardsService } from './virtual-cards.service.js';

/**
 * `POST /aifory/issue-card`: a confirmed member of an approved cooperative orders a virtual card.
 *
 * Under the member's Idempotency-Key: eligibility (403 CARD_ISSUE_NOT_ALLOWED with every reason),
 * the provider's offer, the issue fee reserved from the cooperative's funds with a pending
 * operation (422 INSUFFICIENT_FUNDS), the order with the operation's id as request id; the card
 * (id and last 4 digits only), the settled fee and the member's event commit together. An order
 * without a usable answer stays pending (202): the settlement job asks the provider by its id.
 */
@Injectable()
export class CardIssuingService {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(AIFORY_PROVIDER) private readonly provider: AiforyProvider,
    @Inject(EligibilityService) private readonly eligibility: EligibilityService,
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Inject(IdempotencyService) private readonly idempotency: IdempotencyService,
    @Inject(VirtualCardsRepository) private readonly cards: VirtualCardsRepository,
    @Inject(VirtualCardsService) private readonly views: VirtualCardsService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(VirtualCardNotices) private readonly notices: VirtualCardNotices,
    @Inject(CardAccountsService) private readonly accounts: CardAccountsService,
  ) {}

  issue(
    userId: string,
    key: string | undefined,
    input: IssueVirtualCard,
    ip: string,
  ): Promise<IdempotentResult<IssueVirtualCardResult>> {
    return this.idempotency.run<IssueVirtualCardResult>(`issue:${userId}`, key, input, async () => {
      const eligible = await this.eligibility.assertEligible(userId, input.coopname);
      const offer = await this.offer(input.offer_id);
      const operation = await this.ledger.startOperation({
        kind: 'card_issue',
        coopname: input.coopname,
        userId,
        amount: 0,
        fee: offer.issueFee.amount,
        currency: offer.currency,
      });
      let issued: IssuedCard;
      try {
        issued = await this.provider.orderCard({
          requestId: operation.id,
          offerId: offer.offerId,
          holderName: input.holder_name,
          externalRef: operation.id,
        });
      } catch (error) {
        if (error instanceof AiforyOutcomeUnknown) {
          return {
            status: 202,
            body: { operation_id: operation.id, status: 'pending', card: null },
          };
        }
        const failure = error instanceof AiforyError ? error.code : 'provider_unavailable';
        await this.ledger.settleOperation(operation.id, { status: 'failed', failure });
        if (error instanceof AiforyError) {
          throw new AppError('PROVIDER_REFUSED', 422, {
            details: [{ path: 'coopname', code: error.code, message: error.code }],
          });
        }
        throw providerUnavailableError(error);
      }
      const card = await this.record(operation, issued, eligible, userId, ip);
      await this.notices.issued(card);
      const [view] = await this.views.present([card]);
      return {
        status: 201,
        body: { operation_id: operation.id, status: 'confirmed', card: view! },
      };
    });
  }

  /**
   * An order whose answer was lost, found later by the settlement job: recorded as the request
   * would have (the member's account and the cooperative's conditions as they are now).
   */
  async recordLate(
    operation: MoneyOperationRow,
    issued: IssuedCard,
  ): Promise<VirtualCardRow | undefined> {
    const userId = operation.userId;
    const account = userId && (await this.accounts.inCooperative(userId, operation.coopname));
    if (!userId || !account) {
      await this.ledger.settleOperation(operation.id, { status: 'failed', failure: 'member_gone' });
      return undefined;
    }
    const conditions = await this.cards.conditions(operation.coopname);
    const card = await this.record(
      operation,
      issued,
      { conditions, username: account.username },
      userId,
    );
    await this.notices.issued(card);
    return card;
  }

  /**
   * The card as issued, the fee's settlement and the member's event in one transaction, with the
   * cooperative's default limits when the provider took them (else none: the member sees that
   * and can set them).
   */
  async record(
    operation: MoneyOperationRow,
    issued: IssuedCard,
    eligible: Pick<Eligibility, 'conditions'> & { username: string },
    userId: string,
    ip?: string,
  ): Promise<VirtualCardRow> {
    const limits = await this.defaultLimits(issued, eligible.conditions);
    return this.database.primary.transaction(async (tx) => {
      const row = await this.cards.insert(tx, {
        providerCardId: issued.cardId,
        userId,
        coopname: operation.coopname,
        username: eligible.username,
        last4: issued.last4,
        status: issued.status,
        currency: issued.balance.currency,
        limitPerTransaction: limits.perTransaction,
        limitDaily: limits.daily,
        limitMonthly: limits.monthly,
      });
      await this.ledger.settleOperation(
        operation.id,
        { status: 'confirmed', providerRef: issued.cardId, cardId: row.id },
        tx,
      );
      await appendChangeEvent(tx, {
        subjectId: userId,
        event: this.audit.eventFor(
          userId,
          'virtual_card.issued',
          { card_id: row.id, coopname: row.coopname, last4: row.last4, fee: operation.fee },
          ip,
        ),
      });
      return row;
    });
  }

  /** Sets the cooperative's default limits at the provider; the ones it took. */
  private async defaultLimits(issued: IssuedCard, conditions: Eligibility['conditions']) {
    const limits = {
      perTransaction: conditions?.defaultLimitPerTransaction ?? null,
      daily: conditions?.defaultLimitDaily ?? null,
      monthly: conditions?.defaultLimitMonthly ?? null,
    };
    const none = { perTransaction: null, daily: null, monthly: null };
    if (Object.values(limits).every((limit) => limit === null)) return none;
    const money = (amount: number | null) =>
      amount === null ? null : { amount, currency: issued.balance.currency };
    try {
      await this.provider.setLimits(issued.cardId, {
        perTransaction: money(limits.perTransaction),
        daily: money(limits.daily),
        monthly: money(limits.monthly),
      });
      return limits;
    } catch {
      return none;
    }
  }

  /** The provider's first offer: the fees a member is shown before issuing. */
  async defaultOffer(): Promise<CardOffer> {
    return this.offer(undefined);
  }

  /** The offer asked for, or the provider's first; 422 for an unknown one. */
  private async offer(offerId: string | undefined): Promise<CardOffer> {
    const offers = await this.provider.offers().catch((error) => {
      throw providerUnavailableError(error);
    });
    const offer = offerId ? offers.find((item) => item.offerId === offerId) : offers[0];
    if (!offer) {
      throw new AppError('VALIDATION_FAILED', 422, {
        details: [{ path: 'offer_id', code: 'custom', message: 'no such offer' }],
      });
    }
    return offer;
  }
}
