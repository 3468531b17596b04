import {
  businessMemberListSchema,
  coopMeetingSchema,
  paymentRequestSchema,
} from '@cardcoop/contracts';
import type {
  BusinessMemberList,
  BusinessMembersQuery,
  CoopMeeting,
  PublishMeeting,
  PaymentConfirmation,
  PaymentRequest,
  PaymentRequestInput,
} from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { withQuery } from '../http.js';
import type { MemberSessionManager } from '../session/manager.js';

const coopPath = (coopname: string, rest: string) =>
  `/api/v1/business/cooperatives/${encodeURIComponent(coopname)}${rest}`;

/**
 * The members who shared with a cooperative (staff see usernames, states and dates, never card
 * values); owners and admins confirm or end memberships and publish meetings and payment
 * requests by hand — the same changes as the cooperative API (`@cardcoop/sdk/coop`), for
 * cooperatives without a system of their own.
 *
 * @example
 * ```ts
 * const { members, next } = await business.members.list('voskhod', { status: 'applicant' });
 * await business.members.confirm('voskhod', members[0].username);
 * await business.members.publishMeeting('voskhod', 'gm-2027', { kind: 'general_meeting', … });
 * ```
 */
export interface MembersClient {
  /** By username, `limit` at a time (default 50); pass `next` as `cursor` for more. */
  list(coopname: string, query?: BusinessMembersQuery): Promise<BusinessMemberList>;
  /** Confirms the membership of `username` (idempotent); the member is told. */
  confirm(coopname: string, username: string): Promise<void>;
  /** Ends the membership of `username` (idempotent). */
  end(coopname: string, username: string): Promise<void>;
  /** Creates or updates the meeting `externalId` (the same body again changes nothing). */
  publishMeeting(coopname: string, externalId: string, input: PublishMeeting): Promise<CoopMeeting>;
  /** Cancels it: members still see it, marked cancelled. */
  cancelMeeting(coopname: string, externalId: string): Promise<void>;
  /** `COOPERATIVE_NOT_READY` before the payment details are set. */
  issuePaymentRequest(
    coopname: string,
    externalId: string,
    input: PaymentRequestInput,
  ): Promise<PaymentRequest>;
  /** Cancels a request still to be paid; `CONFLICT` once it is paid. */
  cancelPaymentRequest(coopname: string, externalId: string): Promise<void>;
  /** The payment arrived (idempotent by `payment_id`). */
  confirmPayment(
    coopname: string,
    externalId: string,
    payment: PaymentConfirmation,
  ): Promise<PaymentRequest>;
}

export function createMembersClient(session: MemberSessionManager): MembersClient {
  const membership = (coopname: string, username: string) =>
    coopPath(coopname, `/members/${encodeURIComponent(username)}/membership`);
  const meeting = (coopname: string, id: string) =>
    coopPath(coopname, `/meetings/${encodeURIComponent(id)}`);
  const request = (coopname: string, id: string, rest = '') =>
    coopPath(coopname, `/payment-requests/${encodeURIComponent(id)}${rest}`);
  return {
    list: async (coopname, query = {}) =>
      parseResponse(
        businessMemberListSchema,
        await session.request(withQuery(coopPath(coopname, '/members'), query)),
        'business members',
      ),
    confirm: async (coopname, username) => {
      await session.request(membership(coopname, username), { method: 'PUT' });
    },
    end: async (coopname, username) => {
      await session.request(membership(coopname, username), { method: 'DELETE' });
    },
    publishMeeting: async (coopname, externalId, input) =>
      parseResponse(
        coopMeetingSchema,
        await session.request(meeting(coopname, externalId), { method: 'PUT', body: input }),
        'business meeting',
      ),
    cancelMeeting: async (coopname, externalId) => {
      await session.request(meeting(coopname, externalId), { method: 'DELETE' });
    },
    issuePaymentRequest: async (coopname, externalId, input) =>
      parseResponse(
        paymentRequestSchema,
        await session.request(request(coopname, externalId), { method: 'PUT', body: input }),
        'business payment request',
      ),
    cancelPaymentRequest: async (coopname, externalId) => {
      await session.request(request(coopname, externalId), { method: 'DELETE' });
    },
    confirmPayment: async (coopname, externalId, payment) =>
      parseResponse(
        paymentRequestSchema,
        await session.request(request(coopname, externalId, '/confirm'), {
          method: 'POST',
          body: payment,
        }),
        'business payment confirmation',
      ),
  };
}
