import { activitySchema, loginHistorySchema } from '@cardcoop/contracts';
import type { Activity, ActivityQuery, LoginHistory, LoginHistoryQuery } from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { withQuery } from '../http.js';
import type { MemberSessionManager } from '../session/manager.js';

const ACTIVITY_PATH = '/api/v1/activity';

/**
 * The member's activity: cooperatives' reads of their data, their sign-ins and the
 * contributions they paid, counted over a span of days in their time zone; and the sign-in
 * history with the address of each (the member's own, shown to them only).
 *
 * @example
 * ```ts
 * const activity = await member.activity.get({ from: '2026-11-06', to: '2026-12-05', tz: 'Europe/Moscow' });
 * activity.reads; // [{ period: '2026-12-01', coopname: 'voskhod', display_name: 'ПК ВОСХОД', count: 2 }]
 * const { logins, next } = await member.activity.loginHistory({ limit: 20 });
 * ```
 */
export interface ActivityClient {
  /**
   * Counts over `from`–`to` (both included, at most 366 days; per week beyond 92): reads per
   * cooperative, sign-ins per device, contributions paid per month. `VALIDATION_FAILED` for a
   * bad span or time zone.
   */
  get(query: ActivityQuery): Promise<Activity>;
  /** Sign-ins newest first: time, device, address; pass `next` as `after` for more. */
  loginHistory(query?: LoginHistoryQuery): Promise<LoginHistory>;
}

export function createActivityClient(session: MemberSessionManager): ActivityClient {
  return {
    get: async (query) =>
      parseResponse(
        activitySchema,
        await session.request(withQuery(ACTIVITY_PATH, query)),
        'activity',
      ),
    loginHistory: async (query = {}) =>
      parseResponse(
        loginHistorySchema,
        await session.request(withQuery(`${ACTIVITY_PATH}/logins`, query)),
        'activity',
      ),
  };
}
