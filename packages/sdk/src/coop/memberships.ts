import { closedAccountListSchema } from '@cardcoop/contracts';
import type { ClosedAccountList } from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { withQuery } from '../http.js';
import { coopRequest } from './client-credentials.js';
import type { CoopCredentials } from './client-credentials.js';

const MEMBERSHIPS_PATH = '/api/v1/coop/memberships';
const CLOSED_ACCOUNTS_PATH = '/api/v1/coop/closed-accounts';
const membershipPath = (username: string) => `${MEMBERSHIPS_PATH}/${encodeURIComponent(username)}`;

/**
 * Confirms that the account `username` is a member of the cooperative: the member then sees the
 * cooperative's balances, meetings and payment requests, and is told so (`membership.confirmed`).
 * Idempotent; a username with no account yet is confirmed ahead of it.
 *
 * @throws CardCoopError `VALIDATION_FAILED` for a username that is no Antelope name,
 *   `UNAUTHORIZED` for wrong credentials.
 * @example
 * ```ts
 * await confirmMembership(credentials, 'abcdefghijkl');
 * ```
 */
export async function confirmMembership(
  credentials: CoopCredentials,
  username: string,
): Promise<void> {
  await coopRequest(credentials, membershipPath(username), { method: 'PUT' });
}

/**
 * Withdraws the membership of `username` (the member left or was excluded); withdrawing one
 * that is not confirmed is a no-op.
 *
 * @example
 * ```ts
 * await withdrawMembership(credentials, 'abcdefghijkl');
 * ```
 */
export async function withdrawMembership(
  credentials: CoopCredentials,
  username: string,
): Promise<void> {
  await coopRequest(credentials, membershipPath(username), { method: 'DELETE' });
}

/**
 * The accounts members closed in the cooperative (their grants ended with them), oldest closing
 * first, a page at a time: pass the previous page's `next` as `after`; keep the last `next` to
 * ask for the closings since.
 *
 * @example
 * ```ts
 * let page = await listClosedAccounts(credentials);
 * while (page.next) page = await listClosedAccounts(credentials, { after: page.next });
 * ```
 */
export async function listClosedAccounts(
  credentials: CoopCredentials,
  query: { after?: string; limit?: number } = {},
): Promise<ClosedAccountList> {
  return parseResponse(
    closedAccountListSchema,
    await coopRequest(credentials, withQuery(CLOSED_ACCOUNTS_PATH, query)),
    'coop/closed-accounts',
  );
}
