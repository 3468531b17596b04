import type { MemberEvent } from '@cardcoop/contracts';
import { useEffect } from 'react';
import { useMember } from '../../id/session/require-unlocked';

/** Contributions change with a notice to the member (requested, changed, confirmed). */
export const CONTRIBUTION_EVENTS = ['notification'] as const;

/**
 * Calls `reload` whenever the member's real-time channel brings an event of one of `types`:
 * `balance.changed` for balances; `notification` for contributions (a request, a change and a
 * confirmation each notify the member).
 */
export function useReloadOn(types: readonly MemberEvent['type'][], reload: () => void): void {
  const member = useMember();
  const key = types.join(' ');
  useEffect(
    () =>
      member.events.subscribe((event) => {
        if (key.split(' ').includes(event.type)) reload();
      }),
    [member, key, reload],
  );
}
