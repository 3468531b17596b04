import { dashboardSchema } from '@cardcoop/contracts';
import type { Dashboard } from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import type { MemberSessionManager } from '../session/manager.js';

const DASHBOARD_PATH = '/api/v1/dashboard';

/**
 * The member's home in one request: the card (kind and last change, never its content),
 * accounts, balances, the next meeting, unpaid contributions, notifications, reads of their data.
 *
 * @example
 * ```ts
 * const home = await member.dashboard.get();
 * console.log(home.notifications.unread, home.next_meeting?.title, home.contributions.unpaid);
 * // Reload it on the events that change it:
 * member.events.subscribe(async (event) => {
 *   if (event.type === 'notification' || event.type === 'balance.changed') render(await member.dashboard.get());
 * });
 * ```
 */
export interface DashboardClient {
  get(): Promise<Dashboard>;
}

export function createDashboardClient(session: MemberSessionManager): DashboardClient {
  return {
    get: async () =>
      parseResponse(dashboardSchema, await session.request(DASHBOARD_PATH), 'dashboard'),
  };
}
