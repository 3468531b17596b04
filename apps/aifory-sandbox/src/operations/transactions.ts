import type {
  AiforyDeclineReason,
  AiforyMerchant,
  AiforyMoney,
  AiforyTransaction,
  AiforyTransactionsRequest,
  AiforyTransactionsResult,
} from '@cardcoop/contracts';
import { SandboxError } from '../errors.js';
import type { SandboxCard } from '../state.js';
import type { SandboxContext } from './context.js';

type Key = [number, string];
const keyOf = (t: AiforyTransaction): Key => [Date.parse(t.created_at), t.transaction_id];
const compare = (a: Key, b: Key) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string): Key {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === 2 &&
      Number.isFinite(key[0]) &&
      typeof key[1] === 'string'
    ) {
      return key as Key;
    }
  } catch {
    // falls through to the refusal
  }
  throw new SandboxError('invalid_request', 'cursor is not one this API gave out');
}

/** A card's transactions, keyset-paged over (created_at, transaction_id). */
export function transactions(
  ctx: SandboxContext,
  body: AiforyTransactionsRequest,
): AiforyTransactionsResult {
  const card = ctx.state.card(body.card_id);
  const order = body.order ?? 'desc';
  const limit = body.limit ?? 50;
  const from = body.from ? Date.parse(body.from) : -Infinity;
  const to = body.to ? Date.parse(body.to) : Infinity;
  const after = body.cursor ? decodeCursor(body.cursor) : null;
  const sign = order === 'asc' ? 1 : -1;
  const matching = [...ctx.state.transactions.values()]
    .filter((t) => t.card_id === card.card_id)
    .map((t) => ({ t, key: keyOf(t) }))
    .filter(({ key }) => key[0] >= from && key[0] < to)
    .filter(({ key }) => !after || sign * compare(key, after) > 0)
    .sort((a, b) => sign * compare(a.key, b.key));
  const page = matching.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(({ t }) => structuredClone(t)),
    next_cursor: matching.length > limit && last ? encodeCursor(last.key) : null,
  };
}

export function transaction(
  ctx: SandboxContext,
  body: { transaction_id: string },
): AiforyTransaction {
  const found = ctx.state.transactions.get(body.transaction_id);
  if (!found) throw new SandboxError('not_found', `no transaction ${body.transaction_id}`);
  return structuredClone(found);
}

function spent(ctx: SandboxContext, card: SandboxCard, since: number): number {
  let sum = 0;
  for (const t of ctx.state.transactions.values()) {
    if (t.card_id !== card.card_id || t.type !== 'purchase' || t.status !== 'approved') continue;
    if (Date.parse(t.created_at) >= since) sum += t.amount.amount;
  }
  return sum;
}

function declineReason(
  ctx: SandboxContext,
  card: SandboxCard,
  amount: AiforyMoney,
): AiforyDeclineReason | undefined {
  if (card.status === 'frozen') return 'card_frozen';
  if (card.status === 'closed') return 'card_closed';
  if (amount.currency !== card.balance.currency) return 'currency_mismatch';
  const { per_transaction, daily, monthly } = card.limits;
  if (per_transaction && amount.amount > per_transaction.amount) return 'per_transaction_limit';
  const now = ctx.state.clock();
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const month = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  if (daily && spent(ctx, card, day) + amount.amount > daily.amount) return 'daily_limit';
  if (monthly && spent(ctx, card, month) + amount.amount > monthly.amount) return 'monthly_limit';
  if (amount.amount > card.balance.amount) return 'insufficient_funds';
  return undefined;
}

/** A merchant charges the card: approved (balance down) or declined with a reason. */
export function purchase(
  ctx: SandboxContext,
  cardId: string,
  amount: AiforyMoney | number,
  merchant: AiforyMerchant | string = 'Sandbox Merchant',
): AiforyTransaction {
  const card = ctx.state.card(cardId);
  const charged =
    typeof amount === 'number' ? { amount, currency: card.balance.currency } : { ...amount };
  if (!Number.isSafeInteger(charged.amount) || charged.amount <= 0) {
    throw new SandboxError('invalid_request', 'a purchase is a positive integer amount');
  }
  const reason = declineReason(ctx, card, charged);
  if (!reason) card.balance.amount -= charged.amount;
  const created = ctx.state.addTransaction({
    card_id: card.card_id,
    type: 'purchase',
    status: reason ? 'declined' : 'approved',
    amount: charged,
    merchant: typeof merchant === 'string' ? { name: merchant } : { ...merchant },
    ...(reason ? { decline_reason: reason } : {}),
  });
  ctx.webhooks.emit('transaction.created', created);
  return structuredClone(created);
}
