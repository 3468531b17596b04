import { gostPaymentPayload } from '@cardcoop/contracts';
import type {
  Contribution,
  ContributionDetails,
  ContributionStatus,
  PaymentDetails,
  PaymentRequest,
} from '@cardcoop/contracts';
import type { PaymentRequestRow } from './payment-request-rules.js';

/** Due dates are days of the cooperatives' calendar: Moscow time decides when a day is over. */
const DUE_DATE_ZONE = 'Europe/Moscow';
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: DUE_DATE_ZONE });

/** The date (`YYYY-MM-DD`) in Moscow at `now` (milliseconds): a request due before it is overdue. */
export function dueDateToday(now: number): string {
  return dayFormat.format(new Date(now));
}

export function contributionStatus(row: PaymentRequestRow, today: string): ContributionStatus {
  return row.status === 'requested' && row.dueDate < today ? 'overdue' : row.status;
}

const money = (row: PaymentRequestRow) => ({ amount: row.amount, currency: row.currency });

/** A request as the cooperative that issued it sees it. */
export function toPaymentRequest(row: PaymentRequestRow): PaymentRequest {
  return {
    external_id: row.externalId,
    username: row.username,
    kind: row.kind,
    amount: money(row),
    due_date: row.dueDate,
    purpose: row.purpose,
    status: row.status,
    payment_id: row.paymentId,
    paid_at: row.paidAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** A request as its member sees it. */
export function toContribution(
  row: PaymentRequestRow & { displayName: string },
  today: string,
): Contribution {
  return {
    id: row.id,
    coopname: row.coopname,
    display_name: row.displayName,
    username: row.username,
    kind: row.kind,
    amount: money(row),
    due_date: row.dueDate,
    purpose: row.purpose,
    status: contributionStatus(row, today),
    paid_at: row.paidAt?.toISOString() ?? null,
    requested_at: row.createdAt.toISOString(),
  };
}

/**
 * One contribution with the cooperative's bank details and, while it is to be paid, the payment
 * QR code's payload (ГОСТ Р 56042-2014; the sum in kopecks).
 */
export function toContributionDetails(
  row: PaymentRequestRow & { displayName: string; details: PaymentDetails },
  today: string,
): ContributionDetails {
  const contribution = toContribution(row, today);
  const payable = contribution.status === 'requested' || contribution.status === 'overdue';
  return {
    ...contribution,
    payment_details: row.details,
    payload: payable ? paymentPayload(row.details, row) : null,
  };
}

export function paymentPayload(details: PaymentDetails, row: PaymentRequestRow): string {
  return gostPaymentPayload({
    Name: details.recipient_name,
    PersonalAcc: details.personal_acc,
    BankName: details.bank_name,
    BIC: details.bic,
    CorrespAcc: details.corresp_acc,
    PayeeINN: details.inn,
    KPP: details.kpp,
    Sum: row.amount,
    Purpose: row.purpose,
  });
}
