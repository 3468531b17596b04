import type {
  AiforyCard,
  AiforyCardStatusResult,
  AiforyCalculateResult,
  AiforyLimits,
  AiforyOffer,
  AiforyOrderCardRequest,
  AiforyOrderCardResult,
  AiforyRequisites,
} from '@cardcoop/contracts';
import { SandboxError } from '../errors.js';
import { expiryFrom, generateCvv, generatePan } from '../pan.js';
import { NO_LIMITS, canonical, feeOf, money, sameCurrency } from '../state.js';
import type { SandboxCard } from '../state.js';
import type { SandboxContext } from './context.js';

export const BILLING_ADDRESS = {
  line1: '1 Sandbox Street',
  city: 'Wilmington',
  state: 'DE',
  postal_code: '19801',
  country: 'US',
};

export function offers(ctx: SandboxContext): AiforyOffer[] {
  return structuredClone(ctx.state.offers);
}

/** Issue fee + top-up fee on `amount`, after checking the amount against the offer. */
function orderCost(offer: AiforyOffer, amount: number): { fee: number; total: number } {
  if (amount > 0 && (amount < offer.min_topup.amount || amount > offer.max_topup.amount)) {
    throw new SandboxError(
      'amount_out_of_range',
      `a top-up is ${offer.min_topup.amount}..${offer.max_topup.amount}`,
    );
  }
  const fee = offer.issue_fee.amount + (amount > 0 ? feeOf(amount, offer.topup_fee_bps) : 0);
  return { fee, total: amount + fee };
}

export function calculate(
  ctx: SandboxContext,
  body: { offer_id: string; amount: { amount: number; currency: string } },
): AiforyCalculateResult {
  const offer = ctx.state.offer(body.offer_id);
  sameCurrency(offer.currency, body.amount);
  const { fee, total } = orderCost(offer, body.amount.amount);
  return {
    offer_id: offer.offer_id,
    amount: money(body.amount.amount, offer.currency),
    fee: money(fee, offer.currency),
    total: money(total, offer.currency),
  };
}

/** The card an order issued, by its request_id (`not_found` when no order came with it). */
export function orderStatus(
  ctx: SandboxContext,
  body: { request_id: string },
): AiforyOrderCardResult {
  const seen = ctx.state.orders.get(body.request_id);
  if (!seen) throw new SandboxError('not_found', `no order with request_id ${body.request_id}`);
  return structuredClone(seen.value);
}

/** Issues a card; the same request_id answers the first result again and charges nothing. */
export function order(ctx: SandboxContext, body: AiforyOrderCardRequest): AiforyOrderCardResult {
  const { state } = ctx;
  const hash = canonical(body);
  const seen = state.orders.get(body.request_id);
  if (seen) {
    if (seen.hash !== hash) {
      throw new SandboxError('request_id_reused', 'this request_id came with another body');
    }
    return structuredClone(seen.value);
  }
  const offer = state.offer(body.offer_id);
  const initial = body.initial_amount ?? money(0, offer.currency);
  sameCurrency(offer.currency, initial);
  const { total } = orderCost(offer, initial.amount);
  const card: SandboxCard = {
    card_id: state.nextId('card'),
    offer_id: offer.offer_id,
    external_ref: body.external_ref,
    holder_name: body.holder_name.toUpperCase(),
    pan: generatePan(),
    expiry: expiryFrom(state.clock()),
    cvv: generateCvv(),
    status: 'active',
    balance: money(initial.amount, offer.currency),
    limits: structuredClone(NO_LIMITS),
    created_at: state.now(),
  };
  state.debitMaster(total);
  state.cards.set(card.card_id, card);
  const result: AiforyOrderCardResult = {
    card_id: card.card_id,
    last4: card.pan.slice(-4),
    status: card.status,
    balance: { ...card.balance },
    request_id: body.request_id,
  };
  state.orders.set(body.request_id, { hash, value: result });
  if (initial.amount > 0) {
    const transaction = state.addTransaction({
      card_id: card.card_id,
      type: 'deposit',
      status: 'approved',
      amount: { ...initial },
    });
    ctx.webhooks.emit('transaction.created', transaction);
  }
  return structuredClone(result);
}

export function publicCard(card: SandboxCard): AiforyCard {
  return {
    card_id: card.card_id,
    last4: card.pan.slice(-4),
    status: card.status,
    balance: { ...card.balance },
    limits: structuredClone(card.limits),
  };
}

export function list(ctx: SandboxContext, body: { card_ids?: string[] }): AiforyCard[] {
  const all = [...ctx.state.cards.values()];
  const wanted = body.card_ids ? new Set(body.card_ids) : null;
  return all.filter((card) => !wanted || wanted.has(card.card_id)).map(publicCard);
}

export function requisites(ctx: SandboxContext, body: { card_id: string }): AiforyRequisites {
  const card = ctx.state.card(body.card_id);
  return {
    card_id: card.card_id,
    pan: card.pan,
    expiry: card.expiry,
    cvv: card.cvv,
    holder_name: card.holder_name,
    billing_address: { ...BILLING_ADDRESS },
  };
}

/** Moves a card to `status`; the same end state again is a no-op (no webhook). */
export function setStatus(
  ctx: SandboxContext,
  cardId: string,
  status: SandboxCard['status'],
): AiforyCardStatusResult {
  const card = ctx.state.card(cardId);
  if (card.status === 'closed' && status !== 'closed') {
    throw new SandboxError('card_closed', `card ${cardId} is closed`);
  }
  if (card.status !== status) {
    const previous = card.status;
    card.status = status;
    ctx.webhooks.emit('card.status_changed', {
      card_id: card.card_id,
      status,
      previous_status: previous,
    });
  }
  return { card_id: card.card_id, status: card.status };
}

export function setLimits(
  ctx: SandboxContext,
  body: { card_id: string; limits: AiforyLimits },
): { card_id: string; limits: AiforyLimits } {
  const card = ctx.state.card(body.card_id);
  if (card.status === 'closed')
    throw new SandboxError('card_closed', `card ${card.card_id} is closed`);
  for (const limit of Object.values(body.limits)) {
    if (limit) sameCurrency(card.balance.currency, limit);
  }
  card.limits = structuredClone(body.limits);
  return { card_id: card.card_id, limits: structuredClone(card.limits) };
}
