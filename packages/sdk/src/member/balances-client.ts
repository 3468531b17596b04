import { balanceListSchema } from '@cardcoop/contracts';
import type { CooperativeBalances } from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import type { MemberSessionManager } from '../session/manager.js';

const BALANCES_PATH = '/api/v1/balances';

/**
 * The member's balances per cooperative (share contribution, membership fees paid, other
 * funds; integer minor units), where the membership is confirmed.
 *
 * @example
 * ```ts
 * for (const coop of await member.balances.list()) {
 *   console.log(coop.display_name, coop.funds.map((f) => `${f.fund}: ${f.amount / 100} ${f.currency}`));
 * }
 * ```
 */
export interface BalancesClient {
  /** One entry per cooperative with a confirmed membership; `as_of: null` when none pushed yet. */
  list(): Promise<CooperativeBalances[]>;
}

export function createBalancesClient(session: MemberSessionManager): BalancesClient {
  return {
    list: async () =>
      parseResponse(balanceListSchema, await session.request(BALANCES_PATH), 'balances')
        .cooperatives,
  };
}
