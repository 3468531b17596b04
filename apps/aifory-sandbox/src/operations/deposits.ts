import type {
  AiforyDeposit,
  AiforyDepositOffer,
  AiforyDepositOrderRequest,
  AiforyMoney,
} from '@cardcoop/contracts';
import { SandboxError } from '../errors.js';
import { canonical, feeOf, money, sameCurrency } from '../state.js';
import type { SandboxCard } from '../state.js';
import type { SandboxContext } from './context.js';

function offerOf(ctx: SandboxContext, card: SandboxCard) {
  return ctx.state.offer(card.offer_id);
}

export function depositOffer(ctx: SandboxContext, body: { card_id: string }): AiforyDepositOffer {
  const card = ctx.state.card(body.card_id);
  const offer = offerOf(ctx, card);
  return {
    min: { ...offer.min_topup },
    max: { ...offer.max_topup },
    fee_bps: offer.topup_fee_bps,
    currency: offer.currency,
  };
}

function cost(ctx: SandboxContext, card: SandboxCard, amount: AiforyMoney) {
  const offer = offerOf(ctx, card);
  sameCurrency(card.balance.currency, amount);
  if (amount.amount < offer.min_topup.amount || amount.amount > offer.max_topup.amount) {
    throw new SandboxError(
      'amount_out_of_range',
      `a top-up is ${offer.min_topup.amount}..${offer.max_topup.amount}`,
    );
  }
  const fee = feeOf(amount.amount, offer.topup_fee_bps);
  return {
    amount: money(amount.amount, amount.currency),
    fee: money(fee, amount.currency),
    total: money(amount.amount + fee, amount.currency),
  };
}

export function depositCalculate(
  ctx: SandboxContext,
  body: { card_id: string; amount: AiforyMoney },
): { amount: AiforyMoney; fee: AiforyMoney; total: AiforyMoney } {
  return cost(ctx, ctx.state.card(body.card_id), body.amount);
}

/**
 * A top-up: amount + fee leave the master account now; the card gets the amount now
 * (`immediate`) or after a delay (`async`, answering `pending`). The same request_id answers
 * the deposit as it stands, without a second charge.
 */
export function depositOrder(ctx: SandboxContext, body: AiforyDepositOrderRequest): AiforyDeposit {
  const { state } = ctx;
  const hash = canonical(body);
  const seenHash = state.depositHashes.get(body.request_id);
  if (seenHash !== undefined) {
    if (seenHash !== hash) {
      throw new SandboxError('request_id_reused', 'this request_id came with another body');
    }
    return structuredClone(state.deposits.get(body.request_id) as AiforyDeposit);
  }
  const card = state.card(body.card_id);
  if (card.status === 'closed')
    throw new SandboxError('card_closed', `card ${card.card_id} is closed`);
  const { amount, fee, total } = cost(ctx, card, body.amount);
  state.debitMaster(total.amount);
  const deposit: AiforyDeposit = {
    deposit_id: state.nextId('dep'),
    request_id: body.request_id,
    card_id: card.card_id,
    status: 'pending',
    amount,
    fee,
  };
  state.depositHashes.set(body.request_id, hash);
  state.deposits.set(body.request_id, deposit);
  const fail = ctx.faults.take(['deposit_failed'], 'cards/deposit/order') !== undefined;
  if (ctx.settlement === 'immediate') {
    settle(ctx, deposit, fail);
  } else {
    let finish = () => undefined as void;
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const timer = setTimeout(() => {
      ctx.settling.delete(deposit.deposit_id);
      settle(ctx, deposit, fail);
      finish();
    }, ctx.settlementDelayMs);
    ctx.settling.set(deposit.deposit_id, { timer, done });
  }
  return structuredClone(deposit);
}

/** Completes a pending deposit, or fails it and returns the money to the master account. */
function settle(ctx: SandboxContext, deposit: AiforyDeposit, fail: boolean): void {
  const card = ctx.state.card(deposit.card_id);
  const reason = fail ? 'provider_declined' : card.status === 'closed' ? 'card_closed' : null;
  if (reason) {
    deposit.status = 'failed';
    deposit.failure_reason = reason;
    ctx.state.creditMaster(deposit.amount.amount + deposit.fee.amount);
    ctx.webhooks.emit('deposit.failed', deposit);
    return;
  }
  card.balance.amount += deposit.amount.amount;
  deposit.status = 'completed';
  const transaction = ctx.state.addTransaction({
    card_id: card.card_id,
    type: 'deposit',
    status: 'approved',
    amount: { ...deposit.amount },
    deposit_id: deposit.deposit_id,
  });
  ctx.webhooks.emit('transaction.created', transaction);
  ctx.webhooks.emit('deposit.completed', deposit);
}

export function depositStatus(ctx: SandboxContext, body: { request_id: string }): AiforyDeposit {
  const deposit = ctx.state.deposits.get(body.request_id);
  if (!deposit)
    throw new SandboxError('not_found', `no deposit with request_id ${body.request_id}`);
  return structuredClone(deposit);
}
