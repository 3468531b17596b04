import type { PaymentConfirmation, PaymentDetails } from '@cardcoop/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useBusinessClient } from '../stats/business-client';

/** The cache keys of what the cooperative published (lists) and its bank details. */
export const meetingsKey = (coopname: string) => ['business', coopname, 'meetings'];
export const paymentRequestsKey = (coopname: string) => ['business', coopname, 'payment-requests'];
export const paymentDetailsKey = (coopname: string) => ['business', coopname, 'payment-details'];

const PAGE = 20;

/** The cooperative's meetings, latest start first, a page at a time (keyset). */
export function usePublishedMeetings(coopname: string) {
  const business = useBusinessClient();
  return useInfiniteQuery({
    queryKey: meetingsKey(coopname),
    queryFn: ({ pageParam }) =>
      business.members.listMeetings(coopname, { after: pageParam, limit: PAGE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
  });
}

/** The cooperative's payment requests, oldest first, a page at a time (keyset). */
export function usePaymentRequests(coopname: string) {
  const business = useBusinessClient();
  return useInfiniteQuery({
    queryKey: paymentRequestsKey(coopname),
    queryFn: ({ pageParam }) =>
      business.members.listPaymentRequests(coopname, { after: pageParam, limit: PAGE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
  });
}

/** Cancels a meeting, then loads the list again. */
export function useMeetingCancel(coopname: string) {
  const business = useBusinessClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (externalId: string) => business.members.cancelMeeting(coopname, externalId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meetingsKey(coopname) }),
  });
}

/** Cancels a payment request or confirms its payment, then loads the list again. */
export function usePaymentRequestChange(coopname: string) {
  const business = useBusinessClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      externalId,
      payment,
    }: {
      externalId: string;
      payment?: PaymentConfirmation;
    }) => {
      if (payment) await business.members.confirmPayment(coopname, externalId, payment);
      else await business.members.cancelPaymentRequest(coopname, externalId);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: paymentRequestsKey(coopname) }),
  });
}

/** The bank details members pay to (null before they are set). */
export function usePaymentDetails(coopname: string) {
  const business = useBusinessClient();
  return useQuery({
    queryKey: paymentDetailsKey(coopname),
    queryFn: () => business.members.paymentDetails(coopname),
  });
}

/** Sets the bank details, then reads them again. */
export function useSetPaymentDetails(coopname: string) {
  const business = useBusinessClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (details: PaymentDetails) => business.members.setPaymentDetails(coopname, details),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: paymentDetailsKey(coopname) }),
  });
}
