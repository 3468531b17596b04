import { Inject, Injectable } from '@nestjs/common';
import type { AiforyWebhook } from '@cardcoop/contracts';
import { cardAccount } from '../ledger/accounts.js';
import { LedgerService } from '../ledger/ledger.service.js';
import type { MoneyOperationRow } from '../ledger/money-operations.repository.js';
import { NotificationService } from '../notifications/notification.service.js';
import type { AppliedWebhook } from './provider-webhooks.service.js';
import { VirtualCardsRepository } from './virtual-cards.repository.js';
import type { VirtualCardRow } from './virtual-cards.repository.js';

/** A card's balance below this (minor units) after a purchase is "low": told once a day. */
const LOW_BALANCE_MINOR_UNITS = 1_000;

const cardOf = (card: VirtualCardRow) => ({ card_id: card.id, last4: card.last4 });

/**
 * What the member is told about their virtual cards, through the notification service (in-app,
 * e-mail, push, Novu — as the member chose; a reveal always): issued, topped up or not,
 * purchases and refunds (declined ones too), a low balance, frozen and unfrozen.
 */
@Injectable()
export class VirtualCardNotices {
  constructor(
    @Inject(NotificationService) private readonly notifications: NotificationService,
    @Inject(VirtualCardsRepository) private readonly cards: VirtualCardsRepository,
    @Inject(LedgerService) private readonly ledger: LedgerService,
  ) {}

  async issued(card: VirtualCardRow): Promise<void> {
    await this.notify(card, 'virtual_card.issued', cardOf(card));
  }

  async revealed(card: VirtualCardRow): Promise<void> {
    await this.notify(card, 'virtual_card.revealed', cardOf(card));
  }

  async statusChanged(card: VirtualCardRow, status: VirtualCardRow['status']): Promise<void> {
    if (status === 'frozen') await this.notify(card, 'virtual_card.frozen', cardOf(card));
    if (status === 'active') await this.notify(card, 'virtual_card.unfrozen', cardOf(card));
  }

  /** A top-up this node settled: done, or failed with its reason. */
  async settled(operation: MoneyOperationRow | undefined): Promise<void> {
    if (!operation || operation.kind !== 'card_topup' || !operation.cardId) return;
    const card = await this.cards.find(operation.cardId);
    if (!card) return;
    const amount = { amount: operation.amount, currency: operation.currency };
    if (operation.status === 'confirmed') {
      await this.notify(card, 'virtual_card.topped_up', { ...cardOf(card), amount });
    } else if (operation.status === 'failed') {
      await this.notify(card, 'virtual_card.top_up_failed', {
        ...cardOf(card),
        amount,
        reason: operation.failure ?? 'provider_refused',
      });
    }
  }

  /** After a webhook was applied here for the first time. */
  async afterWebhook(event: AiforyWebhook, applied: AppliedWebhook): Promise<void> {
    if (applied.kind === 'status' && event.type === 'card.status_changed') {
      await this.statusChanged(applied.card, event.data.status);
    }
    if (applied.kind !== 'transaction' || !applied.recorded || event.type !== 'transaction.created')
      return;
    const transaction = event.data;
    if (transaction.type !== 'purchase' && transaction.type !== 'refund') return;
    const card = applied.card;
    await this.notify(card, 'virtual_card.transaction', {
      ...cardOf(card),
      kind: transaction.type,
      status: transaction.status,
      amount: transaction.amount,
      merchant: transaction.merchant?.name ?? null,
      decline_reason: transaction.decline_reason ?? null,
    });
    if (transaction.type === 'purchase' && transaction.status === 'approved') {
      const balance = await this.ledger.ledger.balance(cardAccount(card.id), card.currency);
      if (balance < LOW_BALANCE_MINOR_UNITS) {
        await this.notifications.notifyDaily(
          `low-balance:${card.id}`,
          card.userId,
          'virtual_card.low_balance',
          { ...cardOf(card), balance: { amount: balance, currency: card.currency } },
          { coopname: card.coopname },
        );
      }
    }
  }

  private async notify(
    card: VirtualCardRow,
    type: Parameters<NotificationService['notify']>[1],
    data: Parameters<NotificationService['notify']>[2],
  ): Promise<void> {
    await this.notifications.notify(card.userId, type, data as never, { coopname: card.coopname });
  }
}
