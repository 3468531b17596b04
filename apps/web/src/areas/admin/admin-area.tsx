import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page';
import { PageLoader } from '../../components/page-loader';
import { withQueries } from '../../lib/queries';
import { ru as auth } from '../id/auth/messages';
import { ru as common } from '../id/common/messages';
import { idMessages } from '../id/messages';
import { RequireUnlocked } from '../id/session/require-unlocked';
import { adminMessages } from './admin-messages';
import { AdminLayout, RequireRole } from './admin-layout';
import { virtualCardsMessages } from './virtual-cards/load-messages';

/** The administration's words, and the id area's it reuses (the locked screen, errors, 2FA). */
export const messages = Promise.all([
  adminMessages(),
  virtualCardsMessages(),
  idMessages(['common', 'auth', 'security'], { common, auth }),
]);

const lazyPage = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const OverviewPage = lazyPage(() => import('./overview-page'), 'OverviewPage');
const CooperativesPage = lazyPage(() => import('./cooperatives-page'), 'CooperativesPage');
const ApplicationsPage = lazyPage(
  () => import('./applications/applications-page'),
  'ApplicationsPage',
);
const ApplicationPage = lazyPage(
  () => import('./applications/application-page'),
  'ApplicationPage',
);
const UsersPage = lazyPage(() => import('./users/users-page'), 'UsersPage');
const UserPage = lazyPage(() => import('./users/user-page'), 'UserPage');
const AuditPage = lazyPage(() => import('./audit/audit-page'), 'AuditPage');
const MaintenancePage = lazyPage(() => import('./maintenance/maintenance-page'), 'MaintenancePage');
const StaffPage = lazyPage(() => import('./staff-page'), 'StaffPage');
const VirtualCardsPage = lazyPage(
  () => import('./virtual-cards/virtual-cards-page'),
  'VirtualCardsPage',
);

const page = (element: ReactNode) => <Suspense fallback={<PageLoader />}>{element}</Suspense>;
const admin = (element: ReactNode) => (
  <RequireRole role="platform_admin">{page(element)}</RequireRole>
);

function AdminRoutes() {
  return (
    <RequireUnlocked>
      <Routes>
        <Route element={<AdminLayout />}>
          <Route index element={<Navigate to="overview" replace />} />
          <Route path="overview" element={admin(<OverviewPage />)} />
          <Route path="cooperatives" element={admin(<CooperativesPage />)} />
          <Route path="applications" element={page(<ApplicationsPage />)} />
          <Route path="applications/:coopname" element={page(<ApplicationPage />)} />
          <Route path="users" element={admin(<UsersPage />)} />
          <Route path="users/:userId" element={admin(<UserPage />)} />
          <Route path="audit" element={admin(<AuditPage />)} />
          <Route path="maintenance" element={admin(<MaintenancePage />)} />
          <Route path="staff" element={admin(<StaffPage />)} />
          <Route path="virtual-cards" element={page(<VirtualCardsPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </RequireUnlocked>
  );
}

// Lazy route module for /admin/*: the platform's administration, for members with a platform
// role; the server checks the role on every call.
export const Component = withQueries(AdminRoutes);

Component.displayName = 'AdminArea';
