const HOME = '/member';
/** The business panel: an invitation link or a cooperative's page opened signed out. */
const BUSINESS = '/business';
/** The platform's administration, for its staff. */
const ADMIN = '/admin';

const under = (path: string, area: string) => path === area || path.startsWith(`${area}/`);

/**
 * The parts of the site `?next=` may lead back to: the card's screens, the member's home, the
 * business panel and the platform's administration.
 */
const within = (path: string) =>
  path.startsWith('/id/') || under(path, HOME) || under(path, BUSINESS) || under(path, ADMIN);

/**
 * Where to go after signing in: `?next=` when it is a path of this site under `/id/`,
 * `/member`, `/business` or `/admin`, the member's home otherwise (never another origin: no open redirect).
 */
export function nextPath(next: string | null): string {
  if (!next || !within(next)) return HOME;
  const url = new URL(next, window.location.origin);
  if (url.origin !== window.location.origin || !within(url.pathname)) return HOME;
  return `${url.pathname}${url.search}${url.hash}`;
}
