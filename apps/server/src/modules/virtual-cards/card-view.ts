import type { VirtualCard } from '@cardcoop/contracts';
import type { VirtualCardRow } from './virtual-cards.repository.js';

/** A virtual card as the API shows it: the ledger's balance, the top-ups still pending. */
export function presentCard(
  row: VirtualCardRow,
  balance: number,
  pendingTopUps: number,
): VirtualCard {
  return {
    card_id: row.id,
    coopname: row.coopname,
    last4: row.last4,
    status: row.status,
    balance: { amount: balance, currency: row.currency },
    limits: {
      per_transaction: row.limitPerTransaction,
      daily: row.limitDaily,
      monthly: row.limitMonthly,
    },
    pending_top_ups: pendingTopUps,
    issued_at: row.issuedAt.toISOString(),
    revision: row.revision,
  };
}
