import type { ConnectVisit } from '@cardcoop/contracts';

/**
 * The connect page's visit (`visit_id` of `GET /access/connect/{coopname}`), kept for this tab
 * so that the sign-in or registration it leads to counts in the cooperative's statistics. It
 * holds no personal data: a random id and the coopname.
 */
const KEY = 'cardcoop.connect-visit';
const CONNECT_PATHS = new Set(['/id/connect', '/id/embed']);

export function rememberConnectVisit(coopname: string, visitId: string | undefined): void {
  if (!visitId) return;
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ coopname, visit_id: visitId }));
  } catch {
    // Storage refused (private mode): the visit just goes uncounted.
  }
}

/**
 * The visit a sign-in or registration on this page continues: the one remembered for the
 * cooperative of the connect request the page is (or its `?next=` leads back to), else none.
 */
export function currentConnectVisit(
  { pathname, search }: Pick<Location, 'pathname' | 'search'> = window.location,
): ConnectVisit | undefined {
  const next = CONNECT_PATHS.has(pathname)
    ? `${pathname}${search}`
    : new URLSearchParams(search).get('next');
  if (!next) return undefined;
  const target = new URL(next, 'https://card.coop');
  const coopname = target.searchParams.get('coopname');
  if (!CONNECT_PATHS.has(target.pathname) || !coopname) return undefined;
  try {
    const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as ConnectVisit | null;
    return stored?.coopname === coopname ? stored : undefined;
  } catch {
    return undefined;
  }
}
