import type { MembershipStatus } from '@cardcoop/contracts';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useBusinessClient } from '../stats/business-client';

/** The cache key of a cooperative's members (every filter under it). */
export const membersKey = (coopname: string) => ['business', coopname, 'members'];

/** The members who shared with the cooperative, a page at a time (keyset), by membership. */
export function useMembers(coopname: string, status?: MembershipStatus) {
  const business = useBusinessClient();
  return useInfiniteQuery({
    queryKey: [...membersKey(coopname), status ?? 'all'],
    queryFn: ({ pageParam }) =>
      business.members.list(coopname, { status, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
  });
}

/** Confirms or ends a membership, then loads the list again. */
export function useMembershipChange(coopname: string) {
  const business = useBusinessClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ username, action }: { username: string; action: 'confirm' | 'end' }) =>
      action === 'confirm'
        ? business.members.confirm(coopname, username)
        : business.members.end(coopname, username),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersKey(coopname) }),
  });
}
