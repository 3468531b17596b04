import type {
  CardLimits,
  CardLimitsChange,
  CardOffer,
  CardRequisites,
  CardStatusChange,
  CardTransaction,
  Deposit,
  DepositCalculation,
  DepositOffer,
  IssuedCard,
  Money,
  OrderCalculation,
  OrderCardInput,
  OrderDepositInput,
  ProviderCard,
  TransactionPage,
  TransactionsQuery,
} from './aifory.types.js';

export type * from './aifory.types.js';

/**
 * Aifory's card API, one method per operation of docs/adr/021. Every method rejects with
 * `AiforyError` (a definite refusal: `not_found`, `card_frozen`, `insufficient_master_balance`,
 * …), `AiforyUnavailable` (not reached, or no usable answer; retry later) or, for `orderCard` and
 * `orderDeposit`, `AiforyOutcomeUnknown` (may have happened: settle by the request id).
 */
export interface AiforyProvider {
  offers(): Promise<CardOffer[]>;
  calculate(offerId: string, amount: Money): Promise<OrderCalculation>;
  orderCard(input: OrderCardInput): Promise<IssuedCard>;
  /** The card an order of this request id issued; `AiforyError` `not_found` when Aifory never got it. */
  orderStatus(requestId: string): Promise<IssuedCard>;
  /** All the operator's cards, or only these. */
  listCards(cardIds?: string[]): Promise<ProviderCard[]>;
  requisites(cardId: string): Promise<CardRequisites>;
  depositOffer(cardId: string): Promise<DepositOffer>;
  depositCalculate(cardId: string, amount: Money): Promise<DepositCalculation>;
  orderDeposit(input: OrderDepositInput): Promise<Deposit>;
  /** The deposit of this request id; `AiforyError` `not_found` when Aifory never got it. */
  depositStatus(requestId: string): Promise<Deposit>;
  transactions(query: TransactionsQuery): Promise<TransactionPage>;
  transaction(transactionId: string): Promise<CardTransaction>;
  freeze(cardId: string): Promise<CardStatusChange>;
  unfreeze(cardId: string): Promise<CardStatusChange>;
  setLimits(cardId: string, limits: CardLimits): Promise<CardLimitsChange>;
  /** The operator's master account at Aifory. */
  masterBalance(): Promise<Money>;
}

/** Nest token of the AiforyProvider (AiforyProviderModule). */
export const AIFORY_PROVIDER = Symbol('AIFORY_PROVIDER');
