import { randomBytes } from 'node:crypto';
import type {
  AiforyDeposit,
  AiforyLimits,
  AiforyMoney,
  AiforyOffer,
  AiforyOrderCardResult,
  AiforyTransaction,
} from '@cardcoop/contracts';
import { SandboxError } from './errors.js';

/** Everything the sandbox knows of a card, PAN and CVV included (tests read them; never log). */
export interface SandboxCard {
  card_id: string;
  offer_id: string;
  external_ref: string;
  holder_name: string;
  pan: string;
  expiry: string;
  cvv: string;
  status: 'active' | 'frozen' | 'closed';
  balance: AiforyMoney;
  limits: AiforyLimits;
  created_at: string;
}

export const NO_LIMITS: AiforyLimits = { per_transaction: null, daily: null, monthly: null };

/** A request_id seen before: the canonical body it came with and what it produced. */
interface Keyed<T> {
  hash: string;
  value: T;
}

/** The in-memory world: master account, offers, cards, transactions, deposits. */
export class SandboxState {
  master: AiforyMoney;
  readonly cards = new Map<string, SandboxCard>();
  readonly transactions = new Map<string, AiforyTransaction>();
  /** Deposits by request_id. */
  readonly deposits = new Map<string, AiforyDeposit>();
  readonly orders = new Map<string, Keyed<AiforyOrderCardResult>>();
  readonly depositHashes = new Map<string, string>();
  private sequence = 0;

  constructor(
    readonly clock: () => Date,
    master: AiforyMoney,
    readonly offers: AiforyOffer[],
  ) {
    this.master = { ...master };
    for (const offer of offers) {
      if (offer.currency !== master.currency) {
        throw new Error(
          `offer ${offer.offer_id} is in ${offer.currency}, the master account in ${master.currency}`,
        );
      }
    }
  }

  now(): string {
    return this.clock().toISOString();
  }

  /** Ids sort in creation order (a keyset tiebreaker) and are not guessable. */
  nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}_${String(this.sequence).padStart(8, '0')}${randomBytes(6).toString('hex')}`;
  }

  card(cardId: string): SandboxCard {
    const card = this.cards.get(cardId);
    if (!card) throw new SandboxError('not_found', `no card ${cardId}`);
    return card;
  }

  offer(offerId: string): AiforyOffer {
    const offer = this.offers.find((candidate) => candidate.offer_id === offerId);
    if (!offer) throw new SandboxError('not_found', `no offer ${offerId}`);
    return offer;
  }

  debitMaster(amount: number): void {
    if (this.master.amount < amount) {
      throw new SandboxError(
        'insufficient_master_balance',
        `the master account holds ${this.master.amount}, ${amount} needed`,
      );
    }
    this.master.amount -= amount;
  }

  creditMaster(amount: number): void {
    this.master.amount += amount;
  }

  addTransaction(
    fields: Omit<AiforyTransaction, 'transaction_id' | 'created_at'>,
  ): AiforyTransaction {
    const transaction: AiforyTransaction = {
      transaction_id: this.nextId('txn'),
      ...fields,
      created_at: this.now(),
    };
    this.transactions.set(transaction.transaction_id, transaction);
    return transaction;
  }
}

export const money = (amount: number, currency: string): AiforyMoney => ({ amount, currency });

/** A fee in basis points, rounded up to a whole minor unit (exact for any safe integer). */
export function feeOf(amount: number, bps: number): number {
  return Number((BigInt(amount) * BigInt(bps) + 9_999n) / 10_000n);
}

export function sameCurrency(expected: string, got: AiforyMoney): void {
  if (got.currency !== expected) {
    throw new SandboxError('currency_mismatch', `expected ${expected}, got ${got.currency}`);
  }
}

/** JSON with sorted keys: two bodies that mean the same hash the same. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
