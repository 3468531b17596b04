import { Inject, Injectable } from '@nestjs/common';
import type {
  CardDetails,
  CardLimits,
  CardTransaction,
  VirtualCard,
  cardTransactionsQuerySchema,
} from '@cardcoop/contracts';
import type { z } from 'zod';
import { AppError } from '../../common/errors/app-error.js';
import { AIFORY_PROVIDER } from '../aifory/provider/aifory.provider.js';
import type { AiforyProvider } from '../aifory/provider/aifory.provider.js';
import { providerUnavailableError } from '../aifory/provider/aifory-errors.js';
import { AuditService } from '../audit/audit.service.js';
import type { ChangeEvent } from '../cooperatives/cooperatives.repository.js';
import { cardAccount } from '../ledger/accounts.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { TotpService } from '../totp/totp.service.js';
import { presentCard } from './card-view.js';
import { VirtualCardNotices } from './virtual-card-notices.js';
import { VirtualCardsRepository } from './virtual-cards.repository.js';
import type { CardTransactionRow, VirtualCardRow } from './virtual-cards.repository.js';

type TransactionsQuery = z.infer<typeof cardTransactionsQuerySchema>;

/** `(occurred_at, id)` of the last row of a page, base64url JSON. */
const cursorOf = (row: CardTransactionRow) =>
  Buffer.from(JSON.stringify([row.occurredAt.toISOString(), row.id])).toString('base64url');

function parseCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || typeof id !== 'string') throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw new AppError('VALIDATION_FAILED', 422, {
      details: [{ path: 'cursor', code: 'custom', message: 'not a cursor of this list' }],
    });
  }
}

const dayStart = (date: string) => new Date(`${date}T00:00:00Z`);
const nextDay = (date: string) => new Date(dayStart(date).getTime() + 86_400_000);

/**
 * The member's virtual cards: list (the ledger's balances), the live details after a step-up,
 * freeze and unfreeze, limits, and the transactions the provider reported. Every change commits
 * with its event in the member's audit chain; the provider is told first, so a card is never
 * shown frozen (or limited) while it still spends.
 */
@Injectable()
export class VirtualCardsService {
  constructor(
    @Inject(AIFORY_PROVIDER) private readonly provider: AiforyProvider,
    @Inject(VirtualCardsRepository) private readonly cards: VirtualCardsRepository,
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(TotpService) private readonly totp: TotpService,
    @Inject(VirtualCardNotices) private readonly notices: VirtualCardNotices,
  ) {}

  async list(userId: string): Promise<VirtualCard[]> {
    return this.present(await this.cards.listOf(userId));
  }

  async present(rows: VirtualCardRow[]): Promise<VirtualCard[]> {
    const pending = await this.cards.pendingTopUps(rows.map((row) => row.id));
    return Promise.all(
      rows.map(async (row) =>
        presentCard(
          row,
          await this.ledger.ledger.balance(cardAccount(row.id), row.currency),
          pending.get(row.id) ?? 0,
        ),
      ),
    );
  }

  async get(userId: string, cardId: string): Promise<VirtualCard> {
    return (await this.present([await this.owned(userId, cardId)]))[0]!;
  }

  /**
   * The card's number, expiry and CVV, fetched from the provider now: never stored, logged or
   * cached. Needs a second factor (TOTP or a backup code) proven in the last five minutes — the
   * policy's step-up — and 2FA turned on (a password step-up does not count here). Audited.
   */
  async details(userId: string, cardId: string, ip: string): Promise<CardDetails> {
    const card = await this.owned(userId, cardId);
    if (!(await this.totp.isEnabled(userId))) throw new AppError('TWO_FACTOR_REQUIRED', 403);
    if (card.status === 'closed') throw new AppError('VIRTUAL_CARD_CLOSED', 409);
    const requisites = await this.provider.requisites(card.providerCardId).catch((error) => {
      throw providerUnavailableError(error);
    });
    // Changes no data (the requisites are the provider's, never stored): recorded before they go out.
    await this.audit.record(
      userId,
      'virtual_card.revealed',
      { card_id: card.id, coopname: card.coopname, last4: card.last4 },
      ip,
    );
    await this.notices.revealed(card);
    const address = requisites.billingAddress;
    return {
      card_id: card.id,
      pan: requisites.pan,
      expiry: requisites.expiry,
      cvv: requisites.cvv,
      holder_name: requisites.holderName,
      billing_address: [
        address.line1,
        address.city,
        address.state,
        address.postalCode,
        address.country,
      ]
        .filter((part) => part)
        .join(', '),
    };
  }

  async freeze(userId: string, cardId: string, ip: string): Promise<VirtualCard> {
    return this.setStatus(userId, cardId, 'frozen', ip);
  }

  async unfreeze(userId: string, cardId: string, ip: string): Promise<VirtualCard> {
    return this.setStatus(userId, cardId, 'active', ip);
  }

  private async setStatus(
    userId: string,
    cardId: string,
    status: 'active' | 'frozen',
    ip: string,
  ): Promise<VirtualCard> {
    const card = await this.owned(userId, cardId);
    if (card.status === 'closed') throw new AppError('VIRTUAL_CARD_CLOSED', 409);
    if (card.status === status) return this.get(userId, cardId);
    await (
      status === 'frozen'
        ? this.provider.freeze(card.providerCardId)
        : this.provider.unfreeze(card.providerCardId)
    ).catch((error) => {
      throw providerUnavailableError(error);
    });
    const changed = await this.cards.setStatus(
      card.id,
      status,
      this.event(
        userId,
        status === 'frozen' ? 'virtual_card.frozen' : 'virtual_card.unfrozen',
        card,
        ip,
      ),
    );
    if (changed) await this.notices.statusChanged(changed, status);
    return this.get(userId, cardId);
  }

  /** New limits on top of the revision seen (409 otherwise), set at the provider first. */
  async setLimits(
    userId: string,
    cardId: string,
    limits: CardLimits,
    expectedRevision: number,
    ip: string,
  ): Promise<VirtualCard> {
    const card = await this.owned(userId, cardId);
    if (card.status === 'closed') throw new AppError('VIRTUAL_CARD_CLOSED', 409);
    if (card.revision !== expectedRevision) throw new AppError('CONFLICT', 409);
    const money = (amount: number | null) =>
      amount === null ? null : { amount, currency: card.currency };
    await this.provider
      .setLimits(card.providerCardId, {
        perTransaction: money(limits.per_transaction),
        daily: money(limits.daily),
        monthly: money(limits.monthly),
      })
      .catch((error) => {
        throw providerUnavailableError(error);
      });
    const updated = await this.cards.setLimits(
      card.id,
      expectedRevision,
      { perTransaction: limits.per_transaction, daily: limits.daily, monthly: limits.monthly },
      this.event(userId, 'virtual_card.limits_set', card, ip, {
        per_transaction: limits.per_transaction,
        daily: limits.daily,
        monthly: limits.monthly,
      }),
    );
    if (!updated) throw new AppError('CONFLICT', 409);
    return this.get(userId, cardId);
  }

  async transactions(
    userId: string,
    cardId: string,
    query: TransactionsQuery,
  ): Promise<{ items: CardTransaction[]; next_cursor: string | null }> {
    const card = await this.owned(userId, cardId);
    const after = parseCursor(query.cursor);
    const rows = await this.cards.transactions(card.id, {
      ...(query.from ? { from: dayStart(query.from) } : {}),
      ...(query.to ? { to: nextDay(query.to) } : {}),
      ...(query.type ? { type: query.type } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(after ? { after } : {}),
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((row) => ({
        transaction_id: row.id,
        type: row.type,
        status: row.status,
        amount: { amount: row.amount, currency: row.currency },
        merchant: row.merchant,
        decline_reason: row.declineReason,
        created_at: row.occurredAt.toISOString(),
      })),
      next_cursor: rows.length > query.limit ? cursorOf(page.at(-1)!) : null,
    };
  }

  /** The member's own card, or 404 (another member's is not theirs to know of). */
  async owned(userId: string, cardId: string): Promise<VirtualCardRow> {
    const card = await this.cards.ownedBy(userId, cardId);
    if (!card) throw new AppError('NOT_FOUND', 404);
    return card;
  }

  private event(
    userId: string,
    type: string,
    card: VirtualCardRow,
    ip: string,
    data: Record<string, string | number | null> = {},
  ): ChangeEvent {
    return {
      subjectId: userId,
      event: this.audit.eventFor(
        userId,
        type,
        { card_id: card.id, coopname: card.coopname, last4: card.last4, ...data },
        ip,
      ),
    };
  }
}
