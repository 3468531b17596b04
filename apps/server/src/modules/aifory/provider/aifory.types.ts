import type {
  AiforyCardStatus,
  AiforyDeclineReason,
  AIFORY_DEPOSIT_STATUSES,
  AIFORY_TRANSACTION_STATUSES,
  AIFORY_TRANSACTION_TYPES,
} from '@cardcoop/contracts';

/**
 * Aifory's card operations in the server's own terms (camelCase, amounts as Money). The wire
 * format (snake_case, docs/adr/021) is translated in aifory-wire-mapping.ts only.
 */

/** Integer minor units and an ISO currency: 1050 USD is $10.50. */
export interface Money {
  amount: number;
  currency: string;
}

export type VirtualCardStatus = AiforyCardStatus;

export interface CardOffer {
  offerId: string;
  name: string;
  currency: string;
  issueFee: Money;
  topupFeeBps: number;
  minTopup: Money;
  maxTopup: Money;
}

export interface OrderCalculation {
  offerId: string;
  amount: Money;
  fee: Money;
  total: Money;
}

export interface OrderCardInput {
  /** Our money operation's id: Aifory answers a repeat with the first result. */
  requestId: string;
  offerId: string;
  /** Latin letters, printed on the card; sent, never stored. */
  holderName: string;
  /** Our reference of the card (not personal data). */
  externalRef: string;
  initialAmount?: Money;
}

export interface IssuedCard {
  cardId: string;
  last4: string;
  status: VirtualCardStatus;
  balance: Money;
  requestId: string;
}

export interface CardLimits {
  perTransaction: Money | null;
  daily: Money | null;
  monthly: Money | null;
}

export interface ProviderCard {
  cardId: string;
  last4: string;
  status: VirtualCardStatus;
  balance: Money;
  limits: CardLimits;
}

/** PAN, expiry and CVV: shown once after step-up, never stored or logged (the logger redacts). */
export interface CardRequisites {
  cardId: string;
  pan: string;
  expiry: string;
  cvv: string;
  holderName: string;
  billingAddress: BillingAddress;
}

export interface BillingAddress {
  line1: string;
  city: string;
  state: string | null;
  postalCode: string;
  /** ISO 3166 alpha-2. */
  country: string;
}

export interface DepositOffer {
  min: Money;
  max: Money;
  feeBps: number;
  currency: string;
}

export interface DepositCalculation {
  amount: Money;
  fee: Money;
  total: Money;
}

export interface OrderDepositInput {
  requestId: string;
  cardId: string;
  amount: Money;
}

export type DepositStatus = (typeof AIFORY_DEPOSIT_STATUSES)[number];

export interface Deposit {
  depositId: string;
  requestId: string;
  cardId: string;
  status: DepositStatus;
  /** Lands on the card; `fee` stays with the provider; both leave the master account. */
  amount: Money;
  fee: Money;
  failureReason: string | null;
}

export type TransactionType = (typeof AIFORY_TRANSACTION_TYPES)[number];
export type TransactionStatus = (typeof AIFORY_TRANSACTION_STATUSES)[number];
export type DeclineReason = AiforyDeclineReason;

export interface Merchant {
  name: string;
  /** ISO 18245 merchant category code. */
  mcc: string | null;
  country: string | null;
}

export interface CardTransaction {
  transactionId: string;
  cardId: string;
  type: TransactionType;
  status: TransactionStatus;
  amount: Money;
  merchant: Merchant | null;
  declineReason: DeclineReason | null;
  /** For a `deposit`: the deposit it settles. */
  depositId: string | null;
  createdAt: Date;
}

export interface TransactionsQuery {
  cardId: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit?: number;
  /** Newest first unless `asc`. */
  order?: 'asc' | 'desc';
}

export interface TransactionPage {
  items: CardTransaction[];
  nextCursor: string | null;
}

export interface CardStatusChange {
  cardId: string;
  status: VirtualCardStatus;
}

export interface CardLimitsChange {
  cardId: string;
  limits: CardLimits;
}
