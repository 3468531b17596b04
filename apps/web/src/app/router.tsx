import { createBrowserRouter } from 'react-router';
import { PageLoader } from '../components/page-loader';
import { AppLayout } from './app-layout';
import { RouteError } from './error-fallback';
import { HomePage } from './home-page';
import { NotFoundPage } from './not-found-page';

// Each area is a separate chunk, fetched the first time its path is visited. HydrateFallback
// keeps the layout on screen while the chunk of the first page loads.
export const router = createBrowserRouter([
  {
    // Framed by a cooperative's page: no header or navigation of ours.
    path: '/id/embed',
    errorElement: <RouteError standalone />,
    HydrateFallback: PageLoader,
    lazy: () => import('../areas/id/embed-entry'),
  },
  {
    path: '/',
    Component: AppLayout,
    errorElement: <RouteError standalone />,
    children: [
      {
        // Errors inside a page render within the layout, so header and navigation stay usable.
        errorElement: <RouteError />,
        children: [
          { index: true, Component: HomePage },
          {
            path: 'id/*',
            HydrateFallback: PageLoader,
            lazy: () => import('../areas/id/id-area'),
          },
          {
            path: 'member/*',
            HydrateFallback: PageLoader,
            lazy: () => import('../areas/member/member-area'),
          },
          {
            path: 'business/*',
            HydrateFallback: PageLoader,
            lazy: () => import('../areas/business/business-area'),
          },
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
]);
