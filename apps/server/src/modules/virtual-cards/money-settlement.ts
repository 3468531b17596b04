import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK } from '../../infra/clock/clock.js';
import type { Clock } from '../../infra/clock/clock.js';
import { AIFORY_PROVIDER } from '../aifory/provider/aifory.provider.js';
import type { AiforyProvider, Deposit } from '../aifory/provider/aifory.provider.js';
import { AiforyError, AiforyUnavailable } from '../aifory/provider/aifory-errors.js';
import { LedgerService } from '../ledger/ledger.service.js';
import type { MoneyOperationRow } from '../ledger/money-operations.repository.js';
import { CardIssuingService } from './card-issuing.service.js';
import { VirtualCardNotices } from './virtual-card-notices.js';

/**
 * A deposit the provider has not heard of this long after we created it never reached it: the
 * request is no longer in flight (client timeouts are far shorter), so the reservation is freed.
 */
export const NOT_RECEIVED_AFTER_MS = 120_000;

/**
 * Settles top-ups from what the provider says about them, exactly once (the ledger's conditional
 * settle): `completed` confirms (transit → card + fees), `failed` or never received releases the
 * reservation (transit → the cooperative's funds). Anything else leaves the operation pending for
 * the next look — the settlement job's, or the provider's webhook.
 */
@Injectable()
export class MoneySettlement {
  private readonly logger = new Logger(MoneySettlement.name);

  constructor(
    @Inject(AIFORY_PROVIDER) private readonly provider: AiforyProvider,
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(VirtualCardNotices) private readonly notices: VirtualCardNotices,
    @Inject(CardIssuingService) private readonly issuing: CardIssuingService,
  ) {}

  /** The member hears of a top-up exactly when this call settled it. */
  private async told(
    settled: Promise<MoneyOperationRow | undefined>,
  ): Promise<MoneyOperationRow | undefined> {
    const row = await settled;
    await this.notices.settled(row);
    return row;
  }

  /** Applies a deposit's state; the row when this call settled it. */
  async applyDeposit(deposit: Deposit): Promise<MoneyOperationRow | undefined> {
    if (deposit.status === 'completed') {
      return this.told(
        this.ledger.settleOperation(deposit.requestId, {
          status: 'confirmed',
          providerRef: deposit.depositId,
        }),
      );
    }
    if (deposit.status === 'failed') {
      return this.told(
        this.ledger.settleOperation(deposit.requestId, {
          status: 'failed',
          failure: deposit.failureReason ?? 'provider_refused',
          providerRef: deposit.depositId,
        }),
      );
    }
    return undefined;
  }

  /** Fails a top-up the provider refused or never got: the reservation goes back. */
  fail(operationId: string, failure: string): Promise<MoneyOperationRow | undefined> {
    return this.told(this.ledger.settleOperation(operationId, { status: 'failed', failure }));
  }

  /** Asks the provider about a pending top-up and settles it when it can tell. */
  async settleTopUp(operation: MoneyOperationRow): Promise<MoneyOperationRow | undefined> {
    try {
      return await this.applyDeposit(await this.provider.depositStatus(operation.id));
    } catch (error) {
      if (error instanceof AiforyError && error.code === 'not_found') {
        const age = this.clock.now() - operation.createdAt.getTime();
        if (age < NOT_RECEIVED_AFTER_MS) return undefined;
        return this.told(
          this.ledger.settleOperation(operation.id, { status: 'failed', failure: 'not_received' }),
        );
      }
      if (error instanceof AiforyUnavailable) return undefined;
      throw error;
    }
  }

  /**
   * Asks the provider about a pending issue by its request id: the card it issued is recorded
   * (with the fee's settlement) as the request would have; never received → the fee goes back.
   */
  async settleIssue(operation: MoneyOperationRow): Promise<MoneyOperationRow | undefined> {
    try {
      const issued = await this.provider.orderStatus(operation.id);
      await this.issuing.recordLate(operation, issued);
      return this.ledger.operations.get(operation.id);
    } catch (error) {
      if (error instanceof AiforyError && error.code === 'not_found') {
        const age = this.clock.now() - operation.createdAt.getTime();
        if (age < NOT_RECEIVED_AFTER_MS) return undefined;
        return this.ledger.settleOperation(operation.id, {
          status: 'failed',
          failure: 'not_received',
        });
      }
      if (error instanceof AiforyUnavailable) return undefined;
      throw error;
    }
  }

  /** Every operation pending for at least `olderThanSeconds`, one look each; how many settled. */
  async settlePending(olderThanSeconds: number): Promise<number> {
    let settled = 0;
    for (const operation of await this.ledger.operations.listPending(olderThanSeconds)) {
      await this.ledger.operations.recordAttempt(operation.id);
      try {
        const row =
          operation.kind === 'card_issue'
            ? await this.settleIssue(operation)
            : await this.settleTopUp(operation);
        if (row) settled += 1;
      } catch (error) {
        this.logger.error(`settling ${operation.id} failed: ${(error as Error).message}`);
      }
    }
    return settled;
  }
}
