const HOME = '/id/card';

/**
 * Where to go after signing in: `?next=` when it is a path of this site under `/id/`, the card
 * otherwise (never another origin: no open redirect).
 */
export function nextPath(next: string | null): string {
  if (!next?.startsWith('/id/')) return HOME;
  const url = new URL(next, window.location.origin);
  if (url.origin !== window.location.origin || !url.pathname.startsWith('/id/')) return HOME;
  return `${url.pathname}${url.search}${url.hash}`;
}
