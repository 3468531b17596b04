import {
  businessMemberListSchema,
  coopAttendanceSchema,
  coopMeetingListSchema,
  coopMeetingSchema,
  paymentDetailsSchema,
  paymentRequestListSchema,
  paymentRequestSchema,
} from '@cardcoop/contracts';
import type {
  BusinessMemberList,
  BusinessMembersQuery,
  CoopAttendance,
  CoopMeeting,
  CoopMeetingList,
  PublishMeeting,
  PaymentConfirmation,
  PaymentDetails,
  PaymentRequest,
  PaymentRequestInput,
  PaymentRequestList,
  PaymentRequestStatus,
} from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { CardCoopError } from '../errors.js';
import { withQuery } from '../http.js';
import type { MemberSessionManager } from '../session/manager.js';

const coopPath = (coopname: string, rest: string) =>
  `/api/v1/business/cooperatives/${encodeURIComponent(coopname)}${rest}`;

/**
 * The members who shared with a cooperative (staff see usernames, states and dates, never card
 * values); owners and admins confirm or end memberships and publish meetings and payment
 * requests by hand — the same changes as the cooperative API (`@cardcoop/sdk/coop`), for
 * cooperatives without a system of their own. Every staff member (viewers too) reads what was
 * published, by hand or over the API, with the API's queries, pages and answers.
 *
 * @example
 * ```ts
 * const { members, next } = await business.members.list('voskhod', { status: 'applicant' });
 * await business.members.confirm('voskhod', members[0].username);
 * await business.members.publishMeeting('voskhod', 'gm-2027', { kind: 'general_meeting', … });
 * let page = await business.members.listMeetings('voskhod');
 * while (page.next) page = await business.members.listMeetings('voskhod', { after: page.next });
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
  /**
   * The cooperative's meetings, latest start first, cancelled ones too (`cancelled_at`), `limit`
   * at a time (default 50); pass `next` as `after` for more. Any staff role.
   */
  listMeetings(
    coopname: string,
    query?: { after?: string; limit?: number },
  ): Promise<CoopMeetingList>;
  /** The answers to a meeting: counts and who gave them; `NOT_FOUND` for an unknown id. */
  meetingAttendance(coopname: string, externalId: string): Promise<CoopAttendance>;
  /**
   * The cooperative's payment requests, oldest first, by `status` and `username` if given,
   * `limit` at a time; pass `next` as `after` for more. Any staff role.
   */
  listPaymentRequests(
    coopname: string,
    query?: { status?: PaymentRequestStatus; username?: string; after?: string; limit?: number },
  ): Promise<PaymentRequestList>;
  /** The bank details members pay to, or null before they are set. Any staff role. */
  paymentDetails(coopname: string): Promise<PaymentDetails | null>;
  /**
   * Sets the bank details members pay to (checked: INN, KPP, BIK and both accounts' keys;
   * `VALIDATION_FAILED` otherwise). Payment requests need them first. Owners and admins.
   */
  setPaymentDetails(coopname: string, details: PaymentDetails): Promise<void>;
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
    listMeetings: async (coopname, query = {}) =>
      parseResponse(
        coopMeetingListSchema,
        await session.request(withQuery(coopPath(coopname, '/meetings'), query)),
        'business meetings',
      ),
    meetingAttendance: async (coopname, externalId) =>
      parseResponse(
        coopAttendanceSchema,
        await session.request(`${meeting(coopname, externalId)}/attendance`),
        'business meeting attendance',
      ),
    listPaymentRequests: async (coopname, query = {}) =>
      parseResponse(
        paymentRequestListSchema,
        await session.request(withQuery(coopPath(coopname, '/payment-requests'), query)),
        'business payment requests',
      ),
    paymentDetails: async (coopname) => {
      try {
        return parseResponse(
          paymentDetailsSchema,
          await session.request(coopPath(coopname, '/payment-details')),
          'business payment details',
        );
      } catch (error) {
        if (error instanceof CardCoopError && error.code === 'NOT_FOUND') return null;
        throw error;
      }
    },
    setPaymentDetails: async (coopname, details) => {
      await session.request(coopPath(coopname, '/payment-details'), {
        method: 'PUT',
        body: details,
      });
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
