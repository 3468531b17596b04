import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page';
import { PageLoader } from '../../components/page-loader';
import { ru as auth } from '../id/auth/messages';
import { ru as common } from '../id/common/messages';
import { idMessages } from '../id/messages';
import { RequireUnlocked } from '../id/session/require-unlocked';
import { memberMessages } from './member-messages';
import { notificationsMessages } from './notifications/notifications-messages';

/**
 * The home's words, and the id area's it reuses (the locked screen, card labels, the security
 * log's events); see router.tsx.
 */
export const messages = Promise.all([
  memberMessages(),
  notificationsMessages(),
  idMessages(['common', 'auth', 'card', 'access', 'security'], { common, auth }),
]);

// The home queries the security log through the app's query cache (see lib/queries).
const HomePage = lazy(async () => {
  const [{ HomePage }, { withQueries }] = await Promise.all([
    import('./home-page'),
    import('../../lib/queries'),
  ]);
  return { default: withQueries(HomePage) };
});

const NotificationsPage = lazy(async () => ({
  default: (await import('./notifications/notifications-page')).NotificationsPage,
}));
const NotificationSettingsPage = lazy(async () => ({
  default: (await import('./notifications/settings-page')).SettingsPage,
}));

const ContributionsPage = lazy(async () => ({
  default: (await import('./contributions/contributions-page')).ContributionsPage,
}));
const ContributionPage = lazy(async () => ({
  default: (await import('./contributions/contribution-page')).ContributionPage,
}));

const VirtualCardsPage = lazy(async () => ({
  default: (await import('./virtual-cards/virtual-cards-page')).VirtualCardsPage,
}));
const VirtualCardPage = lazy(async () => ({
  default: (await import('./virtual-cards/virtual-card-page')).VirtualCardPage,
}));

const ActivityPage = lazy(async () => ({
  default: (await import('./activity/activity-page')).ActivityPage,
}));

const MeetingsPage = lazy(async () => ({
  default: (await import('./meetings/meetings-page')).MeetingsPage,
}));
const MeetingPage = lazy(async () => ({
  default: (await import('./meetings/meeting-page')).MeetingPage,
}));

// Lazy route module for /member/*: the signed-in member's home, behind the same unlock as the
// id screens.
export function Component() {
  return (
    <Routes>
      <Route
        index
        element={
          <RequireUnlocked>
            <Suspense fallback={<PageLoader />}>
              <HomePage />
            </Suspense>
          </RequireUnlocked>
        }
      />
      <Route
        path="notifications"
        element={
          <RequireUnlocked>
            <Suspense fallback={<PageLoader />}>
              <NotificationsPage />
            </Suspense>
          </RequireUnlocked>
        }
      />
      <Route
        path="notifications/settings"
        element={
          <RequireUnlocked>
            <Suspense fallback={<PageLoader />}>
              <NotificationSettingsPage />
            </Suspense>
          </RequireUnlocked>
        }
      />
      <Route
        path="contributions"
        element={
          <RequireUnlocked>
            <Suspense fallback={<PageLoader />}>
              <ContributionsPage />
            </Suspense>
          </RequireUnlocked>
        }
      />
      <Route
        path="contributions/:id"
        element={
          <RequireUnlocked>
            <Suspense fallback={<PageLoader />}>
              <ContributionPage />
            </Suspense>
          </RequireUnlocked>
        }
      />
      <Route
        path="meetings"
        element={
          <RequireUnlocked>
            <Suspense fallback={<PageLoader />}>
              <MeetingsPage />
            </Suspense>
          </RequireUnlocked>
        }
      />
      <Route
        path="meetings/:id"
        element={
          <RequireUnlocked>
            <Suspense fallback={<PageLoader />}>
              <MeetingPage />
            </Suspense>
          </RequireUnlocked>
        }
      />
      <Route
        path="virtual-cards"
        element={
          <RequireUnlocked>
            <Suspense fallback={<PageLoader />}>
              <VirtualCardsPage />
            </Suspense>
          </RequireUnlocked>
        }
      />
      <Route
        path="virtual-cards/:id"
        element={
          <RequireUnlocked>
            <Suspense fallback={<PageLoader />}>
              <VirtualCardPage />
            </Suspense>
          </RequireUnlocked>
        }
      />
      <Route
        path="activity"
        element={
          <RequireUnlocked>
            <Suspense fallback={<PageLoader />}>
              <ActivityPage />
            </Suspense>
          </RequireUnlocked>
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

Component.displayName = 'MemberArea';
