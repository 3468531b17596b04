import { Inject, Injectable } from '@nestjs/common';
import type { TopUp, TopUpResult } from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { DATABASE } from '../../db/database.module.js';
import type { Database } from '../../db/database.js';
import { CLOCK } from '../../infra/clock/clock.js';
import type { Clock } from '../../infra/clock/clock.js';
import { AIFORY_PROVIDER } from '../aifory/provider/aifory.provider.js';
import type { AiforyProvider } from '../aifory/provider/aifory.provider.js';
import {
  AiforyError,
  AiforyOutcomeUnknown,
  providerUnavailableError,
} from '../aifory/provider/aifory-errors.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import type { IdempotentResult } from '../idempotency/idempotency.service.js';
import { LedgerService } from '../ledger/ledger.service.js';
import type { MoneyOperationRow } from '../ledger/money-operations.repository.js';
import { MoneySettlement } from './money-settlement.js';
import { VirtualCardsRepository } from './virtual-cards.repository.js';

/** How a top-up looks to the member: its operation, pending until the provider settles it. */
export function presentTopUp(row: MoneyOperationRow): TopUpResult {
  return {
    operation_id: row.id,
    card_id: row.cardId!,
    status: row.status,
    amount: { amount: row.amount, currency: row.currency },
    fee: { amount: row.fee, currency: row.currency },
    failure: row.failure,
    created_at: row.createdAt.toISOString(),
    settled_at: row.settledAt?.toISOString() ?? null,
  };
}

/**
 * `POST /aifory/top-up`: money from the cooperative's funds to the member's virtual card.
 *
 * Under the member's Idempotency-Key (a retry gets the first answer; the same key with another
 * body 409): the fee is quoted by the provider, the amount and fee are reserved from the
 * cooperative's funds together with a pending operation (one transaction; 422 INSUFFICIENT_FUNDS
 * when short), then the deposit is ordered with the operation's id as its request id. Its answer
 * settles the operation (200 confirmed or failed); no usable answer leaves it pending (202) for
 * the settlement job or the provider's webhook — the money is never in two places or none.
 * The cooperative's monthly cap per card (sent and pending top-ups of this calendar month, UTC)
 * is checked under a lock of the card's row, so concurrent top-ups cannot pass it together.
 */
@Injectable()
export class TopUpsService {
  constructor(
    @Inject(AIFORY_PROVIDER) private readonly provider: AiforyProvider,
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Inject(IdempotencyService) private readonly idempotency: IdempotencyService,
    @Inject(VirtualCardsRepository) private readonly cards: VirtualCardsRepository,
    @Inject(MoneySettlement) private readonly settlement: MoneySettlement,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  topUp(
    userId: string,
    key: string | undefined,
    input: TopUp,
  ): Promise<IdempotentResult<TopUpResult>> {
    return this.idempotency.run<TopUpResult>(`topup:${userId}`, key, input, async () => {
      const row = await this.order(userId, input);
      return { status: row.status === 'pending' ? 202 : 200, body: presentTopUp(row) };
    });
  }

  /** The member's top-up operation (to follow a pending one), or 404. */
  async operation(userId: string, operationId: string): Promise<TopUpResult> {
    const row = await this.ledger.operations.get(operationId);
    if (!row || row.userId !== userId || row.kind !== 'card_topup') {
      throw new AppError('NOT_FOUND', 404);
    }
    return presentTopUp(row);
  }

  private async order(userId: string, input: TopUp): Promise<MoneyOperationRow> {
    const card = await this.cards.ownedBy(userId, input.card_id);
    if (!card) throw new AppError('NOT_FOUND', 404);
    if (card.status === 'closed') throw new AppError('VIRTUAL_CARD_CLOSED', 409);
    if (input.amount.currency !== card.currency) {
      throw new AppError('VALIDATION_FAILED', 422, {
        details: [{ path: 'amount.currency', code: 'custom', message: `must be ${card.currency}` }],
      });
    }
    const quote = await this.provider
      .depositCalculate(card.providerCardId, input.amount)
      .catch((error: unknown) => {
        throw refusal(error);
      });
    const cap = (await this.cards.conditions(card.coopname))?.monthlyTopUpCap ?? null;
    const operation = await this.database.primary.transaction(async (tx) => {
      if (cap !== null) {
        const now = new Date(this.clock.now());
        const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
        const sent = await this.cards.lockAndSumTopUps(tx, card.id, month);
        if (sent + input.amount.amount > cap) {
          throw new AppError('TOP_UP_LIMIT', 422, {
            details: [
              {
                path: 'amount.amount',
                code: 'too_big',
                message: `at most ${cap - sent} this month`,
              },
            ],
          });
        }
      }
      return this.ledger.startOperation(
        {
          kind: 'card_topup',
          coopname: card.coopname,
          userId,
          cardId: card.id,
          amount: input.amount.amount,
          fee: quote.fee.amount,
          currency: card.currency,
        },
        tx,
      );
    });
    try {
      const deposit = await this.provider.orderDeposit({
        requestId: operation.id,
        cardId: card.providerCardId,
        amount: input.amount,
      });
      return (await this.settlement.applyDeposit(deposit)) ?? (await this.current(operation));
    } catch (error) {
      // It may have reached the provider: the job asks it by the request id.
      if (error instanceof AiforyOutcomeUnknown) return this.current(operation);
      // A definite refusal, or never sent (breaker open, connection refused): the reservation
      // goes back at once.
      const failure = error instanceof AiforyError ? error.code : 'provider_unavailable';
      const settled = await this.settlement.fail(operation.id, failure);
      if (error instanceof AiforyError) return settled ?? (await this.current(operation));
      throw providerUnavailableError(error);
    }
  }

  private async current(operation: MoneyOperationRow): Promise<MoneyOperationRow> {
    return (await this.ledger.operations.get(operation.id)) ?? operation;
  }
}

/** A refusal of the provider for the member to read (422), or 503 when it cannot be reached. */
export function refusal(error: unknown): unknown {
  if (error instanceof AiforyError) {
    return new AppError('PROVIDER_REFUSED', 422, {
      details: [{ path: 'amount', code: error.code, message: error.code }],
    });
  }
  return providerUnavailableError(error);
}
