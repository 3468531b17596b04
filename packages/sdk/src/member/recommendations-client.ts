import { recommendationListSchema } from '@cardcoop/contracts';
import type { RecommendationList } from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import type { MemberSessionManager } from '../session/manager.js';

const RECOMMENDATIONS_PATH = '/api/v1/recommendations';

/**
 * Suggestions for the member the server can make (turn on 2FA, confirm the Recovery Kit, a
 * contribution is due, a meeting is near, a membership was confirmed), and hiding them for good
 * on every device. The card's own rules ("complete the card") run in the app, which alone can
 * read the card; their dismissal is kept here too, by key (`card-incomplete`).
 *
 * @example
 * ```ts
 * const { recommendations, dismissed } = await member.recommendations.list();
 * for (const item of recommendations) console.log(item.kind, item.action_url);
 * await member.recommendations.dismiss(recommendations[0].id);
 * if (!dismissed.includes('card-incomplete') && cardIsIncomplete) showCardHint();
 * ```
 */
export interface RecommendationsClient {
  /** The active suggestions, most pressing first, and which app rules the member hid. */
  list(): Promise<RecommendationList>;
  /**
   * Hides a suggestion (its `id`, or an app rule's key); again: no change.
   * `RECOMMENDATION_NOT_FOUND` for any other id.
   */
  dismiss(id: string): Promise<void>;
}

export function createRecommendationsClient(session: MemberSessionManager): RecommendationsClient {
  return {
    list: async () =>
      parseResponse(
        recommendationListSchema,
        await session.request(RECOMMENDATIONS_PATH),
        'recommendations',
      ),
    dismiss: async (id) => {
      await session.request(`${RECOMMENDATIONS_PATH}/${encodeURIComponent(id)}/dismiss`, {
        method: 'POST',
      });
    },
  };
}
