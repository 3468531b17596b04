import { cooperativeListSchema } from '@cardcoop/contracts';
import type { Cooperative, CooperativeList, CooperativePageQuery } from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { everyPage, withQuery } from '../http.js';
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
   * `null`, and whether it accepts shared data (has published a data key): every page, by
   * coopname.
   */
  list(): Promise<Cooperative[]>;
  /** One page by coopname; pass `next_cursor` as `cursor` for the next one. */
  page(query?: CooperativePageQuery): Promise<CooperativeList>;
}

export function createCooperativesClient(session: MemberSessionManager): CooperativesClient {
  const page = async (query: CooperativePageQuery = {}) =>
    parseResponse(
      cooperativeListSchema,
      await session.request(withQuery(COOPERATIVES_PATH, query)),
      'cooperatives',
    );
  return {
    list: () =>
      everyPage(
        (cursor) => page({ limit: 200, cursor }),
        (got) => got.cooperatives,
      ),
    page,
  };
}
