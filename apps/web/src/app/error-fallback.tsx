import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { usePageTitle } from '../components/use-page-title';
import { NotFoundPage } from './not-found-page';

function describe(error: unknown): string {
  if (isRouteErrorResponse(error)) return `${error.status} ${error.statusText}`;
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}

/**
 * Plain HTML and global CSS, no Mantine components: the top-level boundary renders this outside
 * MantineProvider, possibly because the provider itself failed.
 */
export function ErrorFallback({ error, standalone }: { error: unknown; standalone?: boolean }) {
  const { t } = useTranslation();
  usePageTitle(t('error.title'));

  const body = (
    <div className="error-fallback">
      <h1>{t('error.title')}</h1>
      <p>{t('error.text')}</p>
      <button type="button" className="error-fallback-button" onClick={() => location.reload()}>
        {t('error.reload')}
      </button>
      {import.meta.env.DEV && (
        <details open>
          <summary>{t('error.details')}</summary>
          <pre>{describe(error)}</pre>
        </details>
      )}
    </div>
  );
  // Inside the layout the page already has a <main>; on its own the fallback provides one.
  return standalone ? <main id="main-content">{body}</main> : body;
}

/** Route `errorElement`: 404 responses get the not-found page, everything else the fallback. */
export function RouteError({ standalone }: { standalone?: boolean }) {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return standalone ? (
      <main id="main-content" className="error-fallback">
        <NotFoundPage />
      </main>
    ) : (
      <NotFoundPage />
    );
  }
  return <ErrorFallback error={error} standalone={standalone} />;
}

type BoundaryState = { failed: false } | { failed: true; error: unknown };

/** Last line of defence for errors thrown outside the router (providers, router setup). */
export class AppErrorBoundary extends Component<{ children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { failed: false };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { failed: true, error };
  }

  override render() {
    return this.state.failed ? (
      <ErrorFallback error={this.state.error} standalone />
    ) : (
      this.props.children
    );
  }
}
