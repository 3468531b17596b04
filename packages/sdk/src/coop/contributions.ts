import {
  balancesInputSchema,
  paymentConfirmationSchema,
  paymentDetailsSchema,
  paymentRequestInputSchema,
  paymentRequestListSchema,
  paymentRequestSchema,
} from '@cardcoop/contracts';
import type {
  BalancesInput,
  PaymentConfirmation,
  PaymentDetails,
  PaymentRequest,
  PaymentRequestInput,
  PaymentRequestList,
  PaymentRequestStatus,
} from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { withQuery } from '../http.js';
import { coopRequest } from './client-credentials.js';
import type { CoopCredentials } from './client-credentials.js';

const REQUESTS_PATH = '/api/v1/coop/payment-requests';
const requestPath = (externalId: string) => `${REQUESTS_PATH}/${encodeURIComponent(externalId)}`;

/** The value checked against its contract before it is sent; a TypeError naming what broke. */
function checked<T>(
  schema: {
    safeParse(value: unknown): { success: true; data: T } | { success: false; error: Error };
  },
  value: unknown,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new TypeError(`Invalid ${what}: ${result.error.message}`);
  return result.data;
}

/**
 * Replaces the balances of the member of the cooperative's open account `username`: the whole
 * set of funds (integer minor units) as of `as_of`. Idempotent; members see them once their
 * membership is confirmed.
 *
 * @throws TypeError when `balances` breaks the contract (checked before sending);
 *   CardCoopError `NOT_FOUND` when `username` is no open account of this cooperative.
 * @example
 * ```ts
 * await pushBalances(credentials, 'abcdefghijkl', {
 *   as_of: '2027-01-01T00:00:00+03:00',
 *   funds: [
 *     { fund: 'share_contribution', amount: 500000, currency: 'RUB' },
 *     { fund: 'membership_fee', amount: 12000, currency: 'RUB' },
 *     { fund: 'other', name: 'Фонд развития', amount: 0, currency: 'RUB' },
 *   ],
 * });
 * ```
 */
export async function pushBalances(
  credentials: CoopCredentials,
  username: string,
  balances: BalancesInput,
): Promise<void> {
  await coopRequest(credentials, `/api/v1/coop/members/${encodeURIComponent(username)}/balances`, {
    method: 'PUT',
    body: checked(balancesInputSchema, balances, 'balances'),
  });
}

/**
 * Sets the bank details members pay contributions to (the payment QR code is made of them).
 * The INN, KPP, BIK and both accounts' control keys are checked.
 *
 * @throws TypeError when `details` breaks the contract; CardCoopError `VALIDATION_FAILED`.
 * @example
 * ```ts
 * await setPaymentDetails(credentials, {
 *   recipient_name: 'ПК "Восход"', inn: '7707083893', kpp: '773601001',
 *   personal_acc: '40702810938000000001', bank_name: 'ПАО Сбербанк',
 *   bic: '044525225', corresp_acc: '30101810400000000225',
 * });
 * ```
 */
export async function setPaymentDetails(
  credentials: CoopCredentials,
  details: PaymentDetails,
): Promise<void> {
  await coopRequest(credentials, '/api/v1/coop/payment-details', {
    method: 'PUT',
    body: checked(paymentDetailsSchema, details, 'payment details'),
  });
}

/**
 * Asks a member to pay a contribution, under the cooperative's own id of the request (created,
 * or changed while still requested; the same body again answers the same request).
 *
 * @throws CardCoopError `COOPERATIVE_NOT_READY` before {@link setPaymentDetails}; `NOT_FOUND`
 *   when `username` is no open account of this cooperative; `CONFLICT` for a paid or cancelled
 *   request changed, or another member.
 * @example
 * ```ts
 * await requestPayment(credentials, 'req-2027-7', {
 *   username: 'abcdefghijkl', kind: 'membership_fee',
 *   amount: { amount: 120000, currency: 'RUB' }, due_date: '2027-01-31',
 *   purpose: 'Членский взнос за 2027 год',
 * });
 * ```
 */
export async function requestPayment(
  credentials: CoopCredentials,
  externalId: string,
  request: PaymentRequestInput,
): Promise<PaymentRequest> {
  return parseResponse(
    paymentRequestSchema,
    await coopRequest(credentials, requestPath(externalId), {
      method: 'PUT',
      body: checked(paymentRequestInputSchema, request, 'payment request'),
    }),
    'coop/payment-requests',
  );
}

/**
 * Cancels a request still to be paid; cancelling again is a no-op.
 *
 * @throws CardCoopError `NOT_FOUND` for an unknown id; `CONFLICT` once it is paid.
 * @example
 * ```ts
 * await cancelPaymentRequest(credentials, 'req-2027-7');
 * ```
 */
export async function cancelPaymentRequest(
  credentials: CoopCredentials,
  externalId: string,
): Promise<void> {
  await coopRequest(credentials, requestPath(externalId), { method: 'DELETE' });
}

/**
 * The cooperative received the payment. Idempotent by `payment_id` (the cooperative's id of the
 * payment): the same confirmation again answers the same.
 *
 * @throws CardCoopError `CONFLICT` for another payment of a paid request (or a cancelled one);
 *   `VALIDATION_FAILED` for a sum other than the one requested.
 * @example
 * ```ts
 * await confirmPayment(credentials, 'req-2027-7', {
 *   payment_id: 'bank-tx-81723', paid_at: '2027-01-20T12:00:00+03:00',
 *   amount: { amount: 120000, currency: 'RUB' },
 * });
 * ```
 */
export async function confirmPayment(
  credentials: CoopCredentials,
  externalId: string,
  confirmation: PaymentConfirmation,
): Promise<PaymentRequest> {
  return parseResponse(
    paymentRequestSchema,
    await coopRequest(credentials, `${requestPath(externalId)}/confirm`, {
      method: 'POST',
      body: checked(paymentConfirmationSchema, confirmation, 'payment confirmation'),
    }),
    'coop/payment-requests/confirm',
  );
}

/**
 * The cooperative's payment requests, oldest first, a page at a time: pass the previous page's
 * `next` as `after`.
 *
 * @example
 * ```ts
 * let page = await listPaymentRequests(credentials, { status: 'requested' });
 * while (page.next) page = await listPaymentRequests(credentials, { status: 'requested', after: page.next });
 * ```
 */
export async function listPaymentRequests(
  credentials: CoopCredentials,
  query: { status?: PaymentRequestStatus; username?: string; after?: string; limit?: number } = {},
): Promise<PaymentRequestList> {
  return parseResponse(
    paymentRequestListSchema,
    await coopRequest(credentials, withQuery(REQUESTS_PATH, query)),
    'coop/payment-requests',
  );
}
