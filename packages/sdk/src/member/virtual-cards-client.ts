import {
  cardDetailsSchema,
  cardEligibilitySchema,
  cardTransactionPageSchema,
  issueVirtualCardResultSchema,
  topUpResultSchema,
  virtualCardListSchema,
  virtualCardSchema,
} from '@cardcoop/contracts';
import type {
  CardDetails,
  CardLimits,
  CardTransaction,
  IssueVirtualCard,
  IssueVirtualCardResult,
  Money,
  TopUpResult,
  VirtualCard,
} from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { withQuery } from '../http.js';
import type { MemberSessionManager } from '../session/manager.js';

const AIFORY_PATH = '/api/v1/aifory';

/** What a schema parses to (the SDK does not depend on zod itself). */
type Parsed<S> = S extends { parse(value: unknown): infer T } ? T : never;

/** Where the member may issue a virtual card (`member.virtualCards.eligibility`). */
export type CardEligibility = Parsed<typeof cardEligibilitySchema>;
/** A page of a virtual card's transactions, newest first. */
export type CardTransactionPage = Parsed<typeof cardTransactionPageSchema>;

/** Filters and page of {@link VirtualCardsClient.transactions}; all optional. */
export interface CardTransactionsFilter {
  /** First day, `YYYY-MM-DD`, inclusive. */
  from?: string;
  /** Last day, `YYYY-MM-DD`, inclusive. */
  to?: string;
  type?: CardTransaction['type'];
  status?: CardTransaction['status'];
  /** The previous page's `next_cursor`. */
  cursor?: string;
  /** 1–100, default 25. */
  limit?: number;
}

/**
 * The `Idempotency-Key` of a money-moving call. Without one the SDK makes one
 * (`crypto.randomUUID()`); a caller that retries after a network error (the answer lost, the
 * request perhaps applied) must pass the same key again so the server answers the first result
 * instead of moving money twice.
 */
export interface IdempotencyOptions {
  /** 8–255 of `A-Z a-z 0-9 _ - : .`; the same key with the same body gets the first answer. */
  idempotencyKey?: string;
}

/**
 * The member's Aifory virtual cards (ADR 021): where one may be issued, issuing, the card's
 * number after a step-up, top-ups from the cooperative's funds, transactions, freeze and
 * limits. Amounts are integer minor units (`{ amount: 150000, currency: 'USD' }` is 1 500.00).
 *
 * @example
 * ```ts
 * const { items } = await member.virtualCards.eligibility();
 * const where = items.find((item) => item.eligible);
 * const key = crypto.randomUUID(); // keep it: a retry after a network error passes it again
 * const issued = await member.virtualCards.issue(
 *   { coopname: where!.coopname, holder_name: 'IVAN PETROV' },
 *   { idempotencyKey: key },
 * );
 * if (issued.card) {
 *   await member.stepUp({ code: '123456' }); // the number needs a fresh second factor
 *   const { pan, expiry, cvv } = await member.virtualCards.details(issued.card.card_id);
 * }
 * ```
 */
export interface VirtualCardsClient {
  /** The member's virtual cards: last 4 digits, status, balance, limits, pending top-ups. */
  list(): Promise<VirtualCard[]>;
  /**
   * Each of the member's cooperatives: whether a card may be issued there and why not
   * (`not_extended`, `issuing_off`, `not_a_member`, `kyc_not_shared`, `card_limit`), the fees.
   */
  eligibility(): Promise<CardEligibility>;
  /**
   * Issues a card; the fee comes from the cooperative's funds. `status: 'confirmed'` with the
   * card, or `'pending'` (card null) when the provider has not answered yet: list the cards
   * later. The key is made when not given; retrying after a network error, pass the same key.
   */
  issue(input: IssueVirtualCard, options?: IdempotencyOptions): Promise<IssueVirtualCardResult>;
  /** One card; `NOT_FOUND` for a card that is not the member's. */
  get(cardId: string): Promise<VirtualCard>;
  /**
   * The number, expiry and CVV, live from the provider: `STEP_UP_REQUIRED` without a step-up in
   * the last 5 minutes (`member.stepUp`), `TWO_FACTOR_REQUIRED` with 2FA off. Show them briefly;
   * never store or cache them.
   */
  details(cardId: string): Promise<CardDetails>;
  /**
   * Tops the card up from the cooperative's funds: `confirmed` or `failed` (with `failure`), or
   * `pending` — follow it with {@link VirtualCardsClient.operation}. The key is made when not
   * given; retrying after a network error, pass the same key.
   */
  topUp(
    input: { cardId: string; amount: Money },
    options?: IdempotencyOptions,
  ): Promise<TopUpResult>;
  /** A top-up as it stands now (to follow a pending one). */
  operation(operationId: string): Promise<TopUpResult>;
  /** The card's transactions, newest first; page on with `next_cursor` as `cursor`. */
  transactions(cardId: string, filter?: CardTransactionsFilter): Promise<CardTransactionPage>;
  /** Purchases are declined until {@link VirtualCardsClient.unfreeze}. */
  freeze(cardId: string): Promise<VirtualCard>;
  unfreeze(cardId: string): Promise<VirtualCard>;
  /**
   * New limits (null: none of that kind) for the card read at `expectedRevision`: `CONFLICT`
   * when it changed since — read it again.
   */
  setLimits(cardId: string, limits: CardLimits, expectedRevision: number): Promise<VirtualCard>;
}

const cardPath = (cardId: string) => `${AIFORY_PATH}/cards/${encodeURIComponent(cardId)}`;

export function createVirtualCardsClient(session: MemberSessionManager): VirtualCardsClient {
  const keyed = (options: IdempotencyOptions | undefined) => ({
    'idempotency-key': options?.idempotencyKey ?? crypto.randomUUID(),
  });
  return {
    list: async () =>
      parseResponse(
        virtualCardListSchema,
        await session.request(`${AIFORY_PATH}/cards`),
        'aifory/cards',
      ).items,
    eligibility: async () =>
      parseResponse(
        cardEligibilitySchema,
        await session.request(`${AIFORY_PATH}/eligibility`),
        'aifory/eligibility',
      ),
    issue: async (input, options) =>
      parseResponse(
        issueVirtualCardResultSchema,
        await session.request(`${AIFORY_PATH}/issue-card`, {
          method: 'POST',
          body: input,
          headers: keyed(options),
        }),
        'aifory/issue-card',
      ),
    get: async (cardId) =>
      parseResponse(virtualCardSchema, await session.request(cardPath(cardId)), 'aifory/cards'),
    details: async (cardId) =>
      parseResponse(
        cardDetailsSchema,
        await session.request(`${AIFORY_PATH}/card-details/${encodeURIComponent(cardId)}`),
        'aifory/card-details',
      ),
    topUp: async ({ cardId, amount }, options) =>
      parseResponse(
        topUpResultSchema,
        await session.request(`${AIFORY_PATH}/top-up`, {
          method: 'POST',
          body: { card_id: cardId, amount },
          headers: keyed(options),
        }),
        'aifory/top-up',
      ),
    operation: async (operationId) =>
      parseResponse(
        topUpResultSchema,
        await session.request(`${AIFORY_PATH}/operations/${encodeURIComponent(operationId)}`),
        'aifory/operations',
      ),
    transactions: async (cardId, filter = {}) =>
      parseResponse(
        cardTransactionPageSchema,
        await session.request(
          withQuery(`${AIFORY_PATH}/transactions/${encodeURIComponent(cardId)}`, filter),
        ),
        'aifory/transactions',
      ),
    freeze: async (cardId) =>
      parseResponse(
        virtualCardSchema,
        await session.request(`${cardPath(cardId)}/freeze`, { method: 'POST' }),
        'aifory/freeze',
      ),
    unfreeze: async (cardId) =>
      parseResponse(
        virtualCardSchema,
        await session.request(`${cardPath(cardId)}/unfreeze`, { method: 'POST' }),
        'aifory/unfreeze',
      ),
    setLimits: async (cardId, limits, expectedRevision) =>
      parseResponse(
        virtualCardSchema,
        await session.request(`${cardPath(cardId)}/limits`, {
          method: 'PUT',
          body: { limits, expected_revision: expectedRevision },
        }),
        'aifory/limits',
      ),
  };
}
