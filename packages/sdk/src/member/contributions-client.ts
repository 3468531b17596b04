import { contributionDetailsSchema, contributionListSchema } from '@cardcoop/contracts';
import type {
  ContributionDetails,
  ContributionList,
  ContributionsQuery,
} from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { withQuery } from '../http.js';
import type { MemberSessionManager } from '../session/manager.js';

const CONTRIBUTIONS_PATH = '/api/v1/contributions';

/**
 * The member's contributions (паевые и членские взносы): what cooperatives asked them to pay,
 * with statuses (`requested`, `overdue`, `paid`, `cancelled`), and how to pay one.
 *
 * @example
 * ```ts
 * const { contributions } = await member.contributions.list({ status: 'requested' });
 * const details = await member.contributions.get(contributions[0].id);
 * drawQr(details.payload); // ГОСТ Р 56042-2014: ST00012|Name=…|Sum=<kopecks>|Purpose=…
 * ```
 */
export interface ContributionsClient {
  /** Newest first; filter by `status` and `coopname`; pass `next` as `after` for more. */
  list(query?: ContributionsQuery): Promise<ContributionList>;
  /**
   * One contribution with the cooperative's bank details and the payment QR code's payload
   * (null once paid or cancelled); `NOT_FOUND` for an id that is not the member's.
   */
  get(id: string): Promise<ContributionDetails>;
}

export function createContributionsClient(session: MemberSessionManager): ContributionsClient {
  return {
    list: async (query = {}) => {
      return parseResponse(
        contributionListSchema,
        await session.request(withQuery(CONTRIBUTIONS_PATH, query)),
        'contributions',
      );
    },
    get: async (id) =>
      parseResponse(
        contributionDetailsSchema,
        await session.request(`${CONTRIBUTIONS_PATH}/${encodeURIComponent(id)}`),
        'contributions',
      ),
  };
}
