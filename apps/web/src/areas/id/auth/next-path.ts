const HOME = '/member';
/** The business panel: an invitation link or a cooperative's page opened signed out. */
const BUSINESS = '/business';

const under = (path: string, area: string) => path === area || path.startsWith(`${area}/`);

/**
 * The parts of the site `?next=` may lead back to: the card's screens, the member's home and the
 * business panel.
 */
const within = (path: string) =>
  path.startsWith('/id/') || under(path, HOME) || under(path, BUSINESS);

/**
 * Where to go after signing in: `?next=` when it is a path of this site under `/id/`,
 * `/member` or `/business`, the member's home otherwise (never another origin: no open redirect).
 */
export function nextPath(next: string | null): string {
  if (!next || !within(next)) return HOME;
  const url = new URL(next, window.location.origin);
  if (url.origin !== window.location.origin || !within(url.pathname)) return HOME;
  return `${url.pathname}${url.search}${url.hash}`;
}
