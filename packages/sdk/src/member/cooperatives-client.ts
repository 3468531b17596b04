import { cooperativeListSchema } from '@cardcoop/contracts';
import type { Cooperative } from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import type { MemberSessionManager } from '../session/manager.js';

const COOPERATIVES_PATH = '/api/v1/cooperatives';

/**
 * The cooperatives a member can open an account in.
 *
 * @example
 * ```ts
 * const open = (await member.cooperatives.list()).filter((c) => c.account === null);
 * ```
 */
export interface CooperativesClient {
  /**
   * The active cooperatives, each with the member's open account there (and its membership) or
   * `null`, and whether it accepts shared data (has published a data key).
   */
  list(): Promise<Cooperative[]>;
}

export function createCooperativesClient(session: MemberSessionManager): CooperativesClient {
  return {
    list: async () =>
      parseResponse(cooperativeListSchema, await session.request(COOPERATIVES_PATH), 'cooperatives')
        .cooperatives,
  };
}
