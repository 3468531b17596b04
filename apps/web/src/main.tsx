// Must stay the first import: installs the Trusted Types `default` policy before anything renders.
import './lib/trusted-types';
// Second: schemas are built when the SDK loads, and must not probe `new Function` (CSP).
import './lib/zod-config';
import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import './styles.css';
import { i18nReady } from './lib/i18n';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { AppErrorBoundary } from './app/error-fallback';
import { Providers } from './app/providers';
import { router } from './app/router';
import { registerServiceWorker } from './lib/service-worker';

registerServiceWorker();

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

// The first render waits for the messages of the stored language (at once for Russian).
void i18nReady.then(() =>
  createRoot(container).render(
    <StrictMode>
      <AppErrorBoundary>
        <Providers>
          <RouterProvider router={router} />
        </Providers>
      </AppErrorBoundary>
    </StrictMode>,
  ),
);
