import type { PaymentConfirmation, PaymentRequestInput } from '@cardcoop/contracts';
import type { paymentRequests } from '../../db/schema/index.js';

export type PaymentRequestRow = typeof paymentRequests.$inferSelect;

/**
 * What the cooperative may still change of a request: its fields while it is requested; the
 * member it is addressed to never.
 */
export type IssueDecision = 'same' | 'update' | 'conflict';
export type ConfirmDecision = 'confirm' | 'same' | 'conflict' | 'amount_mismatch';
export type CancelDecision = 'cancel' | 'same' | 'conflict';

/** A request asked again (`PUT` with the same external id). */
export function decideIssue(row: PaymentRequestRow, input: PaymentRequestInput): IssueDecision {
  if (row.username !== input.username) return 'conflict';
  const same =
    row.kind === input.kind &&
    row.amount === input.amount.amount &&
    row.currency === input.amount.currency &&
    row.dueDate === input.due_date &&
    row.purpose === input.purpose;
  if (same) return 'same';
  return row.status === 'requested' ? 'update' : 'conflict';
}

/**
 * A confirmation: idempotent by the cooperative's payment id (the same payment again is the
 * same answer); another payment of a paid request, or any of a cancelled one, conflicts; a sum
 * other than the one requested is refused.
 */
export function decideConfirm(
  row: PaymentRequestRow,
  confirmation: PaymentConfirmation,
): ConfirmDecision {
  const sameAmount =
    row.amount === confirmation.amount.amount && row.currency === confirmation.amount.currency;
  if (row.status === 'paid') {
    const same =
      row.paymentId === confirmation.payment_id &&
      row.paidAt?.getTime() === new Date(confirmation.paid_at).getTime() &&
      sameAmount;
    return same ? 'same' : 'conflict';
  }
  if (row.status === 'cancelled') return 'conflict';
  return sameAmount ? 'confirm' : 'amount_mismatch';
}

/** A cancellation: of a requested request; again, nothing new; of a paid one, a conflict. */
export function decideCancel(row: PaymentRequestRow): CancelDecision {
  if (row.status === 'cancelled') return 'same';
  return row.status === 'requested' ? 'cancel' : 'conflict';
}
