import type {
  AiforyCard,
  AiforyDeposit,
  AiforyLimits,
  AiforyMoney,
  AiforyRequest,
  AiforyResult,
  AiforyTransaction,
} from '@cardcoop/contracts';
import type {
  CardLimits,
  CardTransaction,
  Deposit,
  Money,
  OrderCardInput,
  OrderDepositInput,
  ProviderCard,
  TransactionsQuery,
} from './aifory.types.js';

/*
 * The one place where Aifory's wire format (snake_case, docs/adr/021, @cardcoop/contracts
 * aifory-wire) meets the server's types. A renamed field under contract changes only this file.
 */

const money = (value: AiforyMoney): Money => ({ amount: value.amount, currency: value.currency });
const limits = (value: AiforyLimits): CardLimits => ({
  perTransaction: value.per_transaction && money(value.per_transaction),
  daily: value.daily && money(value.daily),
  monthly: value.monthly && money(value.monthly),
});
const card = (value: AiforyCard): ProviderCard => ({
  cardId: value.card_id,
  last4: value.last4,
  status: value.status,
  balance: money(value.balance),
  limits: limits(value.limits),
});
const deposit = (value: AiforyDeposit): Deposit => ({
  depositId: value.deposit_id,
  requestId: value.request_id,
  cardId: value.card_id,
  status: value.status,
  amount: money(value.amount),
  fee: money(value.fee),
  failureReason: value.failure_reason ?? null,
});
const transaction = (value: AiforyTransaction): CardTransaction => ({
  transactionId: value.transaction_id,
  cardId: value.card_id,
  type: value.type,
  status: value.status,
  amount: money(value.amount),
  merchant: value.merchant
    ? {
        name: value.merchant.name,
        mcc: value.merchant.mcc ?? null,
        country: value.merchant.country ?? null,
      }
    : null,
  declineReason: value.decline_reason ?? null,
  depositId: value.deposit_id ?? null,
  createdAt: new Date(value.created_at),
});
const status = (value: AiforyResult<'cards/freeze'>) => ({
  cardId: value.card_id,
  status: value.status,
});

/** Bodies of the calls, from the provider's arguments. */
export const toWire = {
  money: (value: Money): AiforyMoney => ({ amount: value.amount, currency: value.currency }),
  limits: (value: CardLimits): AiforyLimits => ({
    per_transaction: value.perTransaction && toWire.money(value.perTransaction),
    daily: value.daily && toWire.money(value.daily),
    monthly: value.monthly && toWire.money(value.monthly),
  }),
  orderCard: (input: OrderCardInput): AiforyRequest<'cards/order'> => ({
    request_id: input.requestId,
    offer_id: input.offerId,
    holder_name: input.holderName,
    external_ref: input.externalRef,
    ...(input.initialAmount && { initial_amount: toWire.money(input.initialAmount) }),
  }),
  orderDeposit: (input: OrderDepositInput): AiforyRequest<'cards/deposit/order'> => ({
    request_id: input.requestId,
    card_id: input.cardId,
    amount: toWire.money(input.amount),
  }),
  transactions: (query: TransactionsQuery): AiforyRequest<'cards/transactions'> => ({
    card_id: query.cardId,
    ...(query.from && { from: query.from.toISOString() }),
    ...(query.to && { to: query.to.toISOString() }),
    ...(query.cursor && { cursor: query.cursor }),
    ...(query.limit !== undefined && { limit: query.limit }),
    ...(query.order && { order: query.order }),
  }),
};

/** The server's values of the results, after the result schema has accepted them. */
export const fromWire = {
  offers: (result: AiforyResult<'cards/offers'>) =>
    result.map((offer) => ({
      offerId: offer.offer_id,
      name: offer.name,
      currency: offer.currency,
      issueFee: money(offer.issue_fee),
      topupFeeBps: offer.topup_fee_bps,
      minTopup: money(offer.min_topup),
      maxTopup: money(offer.max_topup),
    })),
  calculate: (result: AiforyResult<'cards/calculate'>) => ({
    offerId: result.offer_id,
    amount: money(result.amount),
    fee: money(result.fee),
    total: money(result.total),
  }),
  orderCard: (result: AiforyResult<'cards/order'>) => ({
    cardId: result.card_id,
    last4: result.last4,
    status: result.status,
    balance: money(result.balance),
    requestId: result.request_id,
  }),
  listCards: (result: AiforyResult<'cards/list'>) => result.map(card),
  requisites: (result: AiforyResult<'cards/requisites'>) => ({
    cardId: result.card_id,
    pan: result.pan,
    expiry: result.expiry,
    cvv: result.cvv,
    holderName: result.holder_name,
    billingAddress: {
      line1: result.billing_address.line1,
      city: result.billing_address.city,
      state: result.billing_address.state,
      postalCode: result.billing_address.postal_code,
      country: result.billing_address.country,
    },
  }),
  depositOffer: (result: AiforyResult<'cards/deposit/offer'>) => ({
    min: money(result.min),
    max: money(result.max),
    feeBps: result.fee_bps,
    currency: result.currency,
  }),
  depositCalculate: (result: AiforyResult<'cards/deposit/calculate'>) => ({
    amount: money(result.amount),
    fee: money(result.fee),
    total: money(result.total),
  }),
  deposit,
  transactions: (result: AiforyResult<'cards/transactions'>) => ({
    items: result.items.map(transaction),
    nextCursor: result.next_cursor,
  }),
  transaction,
  status,
  limits: (result: AiforyResult<'cards/limits'>) => ({
    cardId: result.card_id,
    limits: limits(result.limits),
  }),
  masterBalance: (result: AiforyResult<'account/balance'>) => money(result.balance),
};
