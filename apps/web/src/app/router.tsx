import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { PageLoader } from '../components/page-loader';
import { RouteError } from './error-fallback';
import { NotFoundPage } from './not-found-page';

/** A lazy route module that renders once its messages are there (see lib/i18n). */
async function withMessages(
  module: Promise<{ Component: ComponentType; messages: Promise<unknown> }>,
) {
  const { Component, messages } = await module;
  await messages;
  return { Component };
}

// Each area is a separate chunk, fetched the first time its path is visited. HydrateFallback
// shows progress while the chunks of the first page load.
export const router = createBrowserRouter([
  {
    // Framed by a cooperative's page: no header or navigation of ours.
    path: '/id/embed',
    errorElement: <RouteError standalone />,
    HydrateFallback: PageLoader,
    lazy: () => withMessages(import('../areas/id/embed-entry')),
  },
  {
    // A cooperative sent the member here (redirect or popup): the flow under a header without
    // the app's navigation, so nothing leads off before the cooperative hears back.
    path: '/id/connect',
    errorElement: <RouteError standalone />,
    HydrateFallback: PageLoader,
    lazy: () => withMessages(import('../areas/id/connect-entry')),
  },
  {
    // The header and navigation load beside the page (in parallel with an area's chunk), so the
    // embed and the connect flow above, which have neither, do not carry them.
    path: '/',
    errorElement: <RouteError standalone />,
    HydrateFallback: PageLoader,
    lazy: async () => ({ Component: (await import('./app-layout')).AppLayout }),
    children: [
      {
        // Errors inside a page render within the layout, so header and navigation stay usable.
        errorElement: <RouteError />,
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('./home-page')).HomePage }),
          },
          {
            path: 'id/*',
            HydrateFallback: PageLoader,
            lazy: () => withMessages(import('../areas/id/id-area')),
          },
          {
            path: 'member/*',
            HydrateFallback: PageLoader,
            lazy: () => withMessages(import('../areas/member/member-area')),
          },
          {
            path: 'help',
            HydrateFallback: PageLoader,
            lazy: () => withMessages(import('../areas/help/help-area')),
          },
          {
            path: 'business/*',
            HydrateFallback: PageLoader,
            lazy: () => withMessages(import('../areas/business/business-area')),
          },
          {
            path: 'admin/*',
            HydrateFallback: PageLoader,
            lazy: () => withMessages(import('../areas/admin/admin-area')),
          },
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
]);
