import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page';
import { PageLoader } from '../../components/page-loader';
import { withQueries } from '../../lib/queries';
import { ru as auth } from '../id/auth/messages';
import { ru as common } from '../id/common/messages';
import { idMessages } from '../id/messages';
import { BusinessGate } from './business-gate';
import { businessMessages } from './business-messages';
import { businessParts } from './business-parts';
import { CoopLayout } from './coop-layout';
import { CooperativesPage } from './cooperatives-page';
import { HelpPage } from './help-page';
import { OverviewPage } from './overview-page';

/** The panel's words, and the id area's it reuses (the locked screen, errors, the second factor). */
export const messages = Promise.all([
  businessMessages(),
  businessParts(),
  idMessages(['common', 'auth', 'card', 'security'], { common, auth }),
]);

const lazyPage = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const ConnectPage = lazyPage(() => import('./connect/connect-page'), 'ConnectPage');
const IntegrationPage = lazyPage(() => import('./integration/integration-page'), 'IntegrationPage');
const TeamPage = lazyPage(() => import('./team/team-page'), 'TeamPage');
const InvitationPage = lazyPage(() => import('./team/invitation-page'), 'InvitationPage');
const StatsPage = lazyPage(() => import('./stats/stats-page'), 'StatsPage');
const MembersPage = lazyPage(() => import('./members/members-page'), 'MembersPage');
const WebhooksPage = lazyPage(() => import('./webhooks/webhooks-page'), 'WebhooksPage');
const ApplicationPage = lazyPage(() => import('./application/application-page'), 'ApplicationPage');
const VirtualCardsPage = lazyPage(
  () => import('./virtual-cards/virtual-cards-page'),
  'VirtualCardsPage',
);

const page = (element: ReactNode) => <Suspense fallback={<PageLoader />}>{element}</Suspense>;

function BusinessRoutes() {
  return (
    <BusinessGate>
      <Routes>
        <Route index element={<CooperativesPage />} />
        <Route path="connect" element={page(<ConnectPage />)} />
        <Route path="invitations/:token" element={page(<InvitationPage />)} />
        <Route path=":coopname" element={<CoopLayout />}>
          <Route index element={<OverviewPage />} />
          <Route path="integration" element={page(<IntegrationPage />)} />
          <Route path="help" element={<HelpPage />} />
          <Route path="stats" element={page(<StatsPage />)} />
          <Route path="members" element={page(<MembersPage />)} />
          <Route path="webhooks" element={page(<WebhooksPage />)} />
          <Route path="team" element={page(<TeamPage />)} />
          <Route path="application" element={page(<ApplicationPage />)} />
          <Route path="virtual-cards" element={page(<VirtualCardsPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </BusinessGate>
  );
}

// Lazy route module for /business/*: the business panel, for a signed-in, unlocked member; each
// cooperative's sections under /business/:coopname.
export const Component = withQueries(BusinessRoutes);

Component.displayName = 'BusinessArea';
