import type { AiforyOperation } from '@cardcoop/contracts';
import {
  calculate,
  list,
  offers,
  order,
  orderStatus,
  requisites,
  setLimits,
  setStatus,
} from './cards.js';
import type { SandboxContext } from './context.js';
import { depositCalculate, depositOffer, depositOrder, depositStatus } from './deposits.js';
import { transaction, transactions } from './transactions.js';

// Bodies arrive already parsed by the operation's contracts schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (ctx: SandboxContext, body: any) => unknown;

/** One handler per operation of ADR 021; each is synchronous, so a request applies atomically. */
export const HANDLERS: Record<AiforyOperation, Handler> = {
  'cards/offers': offers,
  'cards/calculate': calculate,
  'cards/order': order,
  'cards/order/status': orderStatus,
  'cards/list': list,
  'cards/requisites': requisites,
  'cards/deposit/offer': depositOffer,
  'cards/deposit/calculate': depositCalculate,
  'cards/deposit/order': depositOrder,
  'cards/deposit/status': depositStatus,
  'cards/transactions': transactions,
  'cards/transaction': transaction,
  'cards/freeze': (ctx, body: { card_id: string }) => setStatus(ctx, body.card_id, 'frozen'),
  'cards/unfreeze': (ctx, body: { card_id: string }) => setStatus(ctx, body.card_id, 'active'),
  'cards/limits': setLimits,
  'account/balance': (ctx) => ({
    balance: { ...ctx.state.master },
    currency: ctx.state.master.currency,
  }),
};
