import type { MeetingList, MeetingListQuery } from '@cardcoop/contracts';
import { useCallback, useState } from 'react';
import { useLoaded } from '../../id/card/use-loaded';
import { useMember } from '../../id/session/require-unlocked';

/** Meetings a page of the list brings. */
const PAGE = 20;

export type MoreState =
  { status: 'idle' } | { status: 'loading' } | { status: 'failed'; error: unknown };

/**
 * Upcoming or past meetings, a page at a time: the first page loads at once, `loadMore` appends
 * the next one (keyset: the server's `next` cursor).
 */
export function useMeetingPages(when: NonNullable<MeetingListQuery['when']>) {
  const member = useMember();
  const load = useCallback(() => member.meetings.list({ when, limit: PAGE }), [member, when]);
  const { state, reload, set } = useLoaded<MeetingList>(load);
  const [more, setMore] = useState<MoreState>({ status: 'idle' });

  const loadMore = useCallback(async () => {
    if (state.status !== 'ready' || !state.value.next) return;
    const loaded = state.value;
    setMore({ status: 'loading' });
    try {
      const page = await member.meetings.list({ when, limit: PAGE, after: loaded.next ?? '' });
      set({ meetings: [...loaded.meetings, ...page.meetings], next: page.next });
      setMore({ status: 'idle' });
    } catch (error) {
      setMore({ status: 'failed', error });
    }
  }, [member, when, state, set]);

  return { state, reload, more, loadMore };
}
