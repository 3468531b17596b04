const HOME = '/member';

/** The parts of the site `?next=` may lead back to: the card's screens and the member's home. */
const within = (path: string) =>
  path.startsWith('/id/') || path === HOME || path.startsWith(`${HOME}/`);

/**
 * Where to go after signing in: `?next=` when it is a path of this site under `/id/` or
 * `/member`, the member's home otherwise (never another origin: no open redirect).
 */
export function nextPath(next: string | null): string {
  if (!next || !within(next)) return HOME;
  const url = new URL(next, window.location.origin);
  if (url.origin !== window.location.origin || !within(url.pathname)) return HOME;
  return `${url.pathname}${url.search}${url.hash}`;
}
