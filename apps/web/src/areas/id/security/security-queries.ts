import type { MemberClient, MemberSessionManager } from '@cardcoop/sdk';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMember } from '../session/require-unlocked';

const scopes = new WeakMap<MemberSessionManager, number>();
let lastScope = 0;

/**
 * Cache keys of one session: a member who signs in after another in this tab never sees the
 * other's sessions or log, not even from the cache.
 */
export function scopeOf(member: MemberClient): number {
  let scope = scopes.get(member.session);
  if (scope === undefined) {
    scope = ++lastScope;
    scopes.set(member.session, scope);
  }
  return scope;
}

type Topic = 'sessions' | 'totp' | 'audit' | 'deletion';

const keyOf = (member: MemberClient, topic: Topic) => ['security', scopeOf(member), topic];

export function useSessionList() {
  const member = useMember();
  return useQuery({ queryKey: keyOf(member, 'sessions'), queryFn: () => member.sessions.list() });
}

export function useTotpStatus() {
  const member = useMember();
  return useQuery({ queryKey: keyOf(member, 'totp'), queryFn: () => member.totp.status() });
}

/** Events a page of the security log asks the server for. */
const AUDIT_PAGE = 50;

/**
 * The security log read page by page (newest first), as one list of the events read so far;
 * `fetchNextPage` reads older ones while `hasNextPage`.
 */
export function useAuditLog() {
  const member = useMember();
  // The history changes with what happens elsewhere (a meeting answer, a cooperative's read):
  // opening a page that shows it reads it again.
  return useInfiniteQuery({
    queryKey: keyOf(member, 'audit'),
    queryFn: ({ pageParam }) =>
      member.audit.page({ ...(pageParam ? { cursor: pageParam } : {}), limit: AUDIT_PAGE }),
    initialPageParam: '',
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.events),
    staleTime: 0,
  });
}

export function useDeletionStatus() {
  const member = useMember();
  return useQuery({ queryKey: keyOf(member, 'deletion'), queryFn: () => member.deletionStatus() });
}

/** Marks what an operation changed as stale; the screens showing it reload it. */
export function useRefresh() {
  const member = useMember();
  const client = useQueryClient();
  return (...topics: Topic[]) =>
    Promise.all(
      topics.map((topic) => client.invalidateQueries({ queryKey: keyOf(member, topic) })),
    );
}
