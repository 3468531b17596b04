import type { Notification } from '@cardcoop/contracts';
import type { MemberClient, NotificationFilter } from '@cardcoop/sdk';
import { useCallback, useEffect, useState } from 'react';

export type NoticeList =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; notices: Notification[]; next: string | null };

/**
 * The member's notices under `filter`, newest first, a page at a time (`more` follows the
 * keyset cursor). A `notification` event on the real-time channel lists the first page again,
 * so a new notice shows without a reload.
 */
export function useNotices(member: MemberClient, filter: Omit<NotificationFilter, 'cursor'>) {
  const [list, setList] = useState<NoticeList>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  const { type, coopname, unread, limit } = filter;

  useEffect(() => {
    let current = true;
    member.notifications.list({ type, coopname, unread, limit }).then(
      ({ notifications, next_cursor }) =>
        current && setList({ status: 'ready', notices: notifications, next: next_cursor }),
      (error: unknown) => current && setList({ status: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [member, type, coopname, unread, limit, version]);

  useEffect(
    () =>
      member.events.subscribe((event) => {
        if (event.type === 'notification') setVersion((v) => v + 1);
      }),
    [member],
  );

  const reload = useCallback(() => setVersion((v) => v + 1), []);

  const more = useCallback(async () => {
    if (list.status !== 'ready' || !list.next) return;
    const page = await member.notifications.list({
      type,
      coopname,
      unread,
      limit,
      cursor: list.next,
    });
    setList({
      status: 'ready',
      notices: [...list.notices, ...page.notifications],
      next: page.next_cursor,
    });
  }, [member, list, type, coopname, unread, limit]);

  /** Shows `ids` read at once (the caller has told the server). */
  const markedRead = useCallback((ids: string[] | 'all') => {
    const now = new Date().toISOString();
    setList((state) =>
      state.status === 'ready'
        ? {
            ...state,
            notices: state.notices.map((notice) =>
              notice.read_at === null && (ids === 'all' || ids.includes(notice.id))
                ? { ...notice, read_at: now }
                : notice,
            ),
          }
        : state,
    );
  }, []);

  return { list, reload, more, markedRead };
}
