import { ActionIcon, Badge, VisuallyHidden } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../id/session/use-session';
import { onUnreadChanged } from './unread-changed';

/**
 * The header's bell: how many notifications are unread, kept live by the member's real-time
 * channel (a `notification` event counts again), and a polite announcement of each new one.
 * Loaded beside the header once someone is signed in; the notices need no unlocked card.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const state = useSession();
  const member = 'member' in state ? state.member : undefined;
  const [unread, setUnread] = useState(0);
  const [fresh, setFresh] = useState(0);

  useEffect(() => {
    if (!member) return;
    let live = true;
    const count = () =>
      member.notifications.unreadCount().then(
        (value) => live && setUnread(value),
        () => undefined, // the bell keeps the last count; the centre shows the failure
      );
    void count();
    const stopEvents = member.events.subscribe((event) => {
      if (event.type !== 'notification') return;
      setFresh((seen) => seen + 1);
      void count();
    });
    const stopChanged = onUnreadChanged(() => void count());
    return () => {
      live = false;
      stopEvents();
      stopChanged();
    };
  }, [member]);

  if (!member) return null;
  const label =
    unread > 0 ? t('nav.notificationsUnread', { count: unread }) : t('nav.notifications');
  return (
    <>
      <ActionIcon
        component={Link}
        to="/member/notifications"
        variant="default"
        size="lg"
        aria-label={label}
        title={label}
        pos="relative"
      >
        <BellIcon />
        {unread > 0 && (
          <Badge
            size="xs"
            circle={unread < 10}
            color="red.9" // white on it passes AA at the badge's small size (red.6 does not)
            pos="absolute"
            top={-6}
            right={-6}
            aria-hidden="true"
          >
            {unread > 99 ? '99+' : unread}
          </Badge>
        )}
      </ActionIcon>
      <VisuallyHidden aria-live="polite">
        {fresh > 0 && `${t('nav.newNotification')}. ${label}`}
      </VisuallyHidden>
    </>
  );
}

function BellIcon() {
  return (
    <svg
      width={20}
      height={20}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
