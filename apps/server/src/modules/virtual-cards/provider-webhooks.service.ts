import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AiforyWebhook } from '@cardcoop/contracts';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import { fromWire } from '../aifory/provider/aifory-wire-mapping.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { MoneySettlement } from './money-settlement.js';
import { VirtualCardsRepository } from './virtual-cards.repository.js';
import type { VirtualCardRow } from './virtual-cards.repository.js';

export type AppliedWebhook =
  | { kind: 'duplicate' }
  | { kind: 'unknown_card' }
  | { kind: 'transaction'; card: VirtualCardRow; recorded: boolean }
  | { kind: 'status'; card: VirtualCardRow }
  | { kind: 'deposit'; settled: boolean };

/**
 * The provider's webhooks, applied once by event id (the id is stored in the transaction of the
 * effects, so a duplicate, concurrent or later, changes nothing): a transaction is recorded, and
 * an approved purchase or refund posted to the ledger (also once, by the transaction's id); a
 * deposit's outcome settles its top-up; a card's status follows the provider's.
 */
@Injectable()
export class ProviderWebhooksService {
  private readonly logger = new Logger(ProviderWebhooksService.name);

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(VirtualCardsRepository) private readonly cards: VirtualCardsRepository,
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Inject(MoneySettlement) private readonly settlement: MoneySettlement,
  ) {}

  async apply(event: AiforyWebhook): Promise<AppliedWebhook> {
    if (event.type === 'deposit.completed' || event.type === 'deposit.failed') {
      // Settling is exactly-once by itself (the operation's conditional update).
      const settled = await this.settlement.applyDeposit(fromWire.deposit(event.data));
      await this.remember(this.database.primary, event);
      return { kind: 'deposit', settled: settled !== undefined };
    }
    const providerCardId = event.data.card_id;
    const card = await this.cards.byProviderId(providerCardId);
    if (!card) {
      this.logger.warn(`webhook ${event.event_id} (${event.type}) for a card we do not hold`);
      return { kind: 'unknown_card' };
    }
    return this.database.primary.transaction(async (tx) => {
      if (!(await this.remember(tx, event))) return { kind: 'duplicate' };
      if (event.type === 'card.status_changed') {
        await this.cards.syncStatus(card.id, event.data.status, tx);
        return { kind: 'status', card };
      }
      const transaction = fromWire.transaction(event.data);
      const recorded = await this.cards.recordTransaction(tx, {
        providerTransactionId: transaction.transactionId,
        cardId: card.id,
        type: transaction.type,
        status: transaction.status,
        amount: transaction.amount.amount,
        currency: transaction.amount.currency,
        merchant: transaction.merchant?.name ?? null,
        declineReason: transaction.declineReason,
        occurredAt: transaction.createdAt,
      });
      if (recorded && transaction.status === 'approved') {
        const posting = {
          cardId: card.id,
          amount: transaction.amount.amount,
          currency: transaction.amount.currency,
          ref: `aifory:transaction:${transaction.transactionId}`,
        };
        if (transaction.type === 'purchase') await this.ledger.recordPurchase(posting, tx);
        if (transaction.type === 'refund') await this.ledger.recordRefund(posting, tx);
      }
      return { kind: 'transaction', card, recorded };
    });
  }

  /** Stores the event id: false when it was there already. */
  private remember(db: AppDatabase, event: AiforyWebhook): Promise<boolean> {
    return this.cards.rememberEvent(db, event.event_id, event.type);
  }
}
