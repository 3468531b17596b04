import type { Dashboard, MemberEvent } from '@cardcoop/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { scopeOf } from '../id/security/security-queries';
import { useMember } from '../id/session/require-unlocked';
import { onUnreadChanged } from './notifications/unread-changed';

/**
 * What changes the home: a notice (a meeting announced, a contribution requested or confirmed, a
 * read…), new balances, a cooperative's read or a revocation.
 */
const CHANGES: readonly MemberEvent['type'][] = [
  'notification',
  'balance.changed',
  'grant.read',
  'grant.revoked',
];

/** The home's cache key, per session (see scopeOf). */
const dashboardKey = (scope: number) => ['dashboard', scope];

/**
 * The member's home (`GET /dashboard`), one query every section of the home reads its part of
 * (`select`, a stable function): one request for all of them, read again whenever the home opens and whenever the
 * real-time channel brings a change (or this tab marked notices read).
 */
export function useDashboard<T>(select: (dashboard: Dashboard) => T) {
  const member = useMember();
  const client = useQueryClient();
  const scope = scopeOf(member);

  useEffect(() => {
    // Every section subscribes; a refetch already under way is not started again.
    const refresh = () =>
      void client.invalidateQueries({ queryKey: dashboardKey(scope) }, { cancelRefetch: false });
    const stopEvents = member.events.subscribe((event) => {
      if (CHANGES.includes(event.type)) refresh();
    });
    const stopUnread = onUnreadChanged(refresh);
    return () => {
      stopEvents();
      stopUnread();
    };
  }, [member, client, scope]);

  return useQuery({
    queryKey: dashboardKey(scope),
    queryFn: () => member.dashboard.get(),
    select,
    staleTime: 0,
  });
}
