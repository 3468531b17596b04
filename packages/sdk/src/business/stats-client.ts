import { businessStatsSchema } from '@cardcoop/contracts';
import type { BusinessStats, BusinessStatsQuery } from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { withQuery } from '../http.js';
import { channelOf } from '../member/events-client.js';
import type { BusinessStatsHandler } from '../member/events-client.js';
import type { MemberSessionManager } from '../session/manager.js';

/** `/api/v1/business/cooperatives/{coopname}/stats` (the CSV is at `stats.csv`, same query). */
export const statsPath = (coopname: string) =>
  `/api/v1/business/cooperatives/${encodeURIComponent(coopname)}/stats`;

/**
 * A cooperative's statistics (owner, admin, viewer): per day in the time zone asked for —
 * connect pages opened, registrations and sign-ins there, consents, refusals, revocations,
 * tickets exchanged, reads, membership confirmations — the funnel over the range and the live
 * grants. Every number counts events the server audits; none names a member.
 *
 * @example
 * ```ts
 * const stats = await business.stats.get('voskhod', { from: '2026-12-01', to: '2026-12-31', tz: 'Europe/Moscow' });
 * stats.funnel; // { connect_opened: 40, signed_in: 31, consent_given: 28, ticket_exchanged: 28, data_read: 27 }
 * const stop = business.stats.live('voskhod', ({ kind }) => reloadCounters(kind));
 * ```
 */
export interface StatsClient {
  /** Both days included, at most 366; `VALIDATION_FAILED` for a bad range or time zone. */
  get(coopname: string, query: BusinessStatsQuery): Promise<BusinessStats>;
  /**
   * Live counters over the member's real-time channel (`member.events`' socket): `handler`
   * hears `{coopname, kind}` (`consent`, `read`, `revoke`) as they happen, while the member
   * holds a role there. Returns the function that stops it.
   */
  live(coopname: string, handler: BusinessStatsHandler): () => void;
}

export function createStatsClient(session: MemberSessionManager): StatsClient {
  return {
    get: async (coopname, query) =>
      parseResponse(
        businessStatsSchema,
        await session.request(withQuery(statsPath(coopname), query)),
        'business stats',
      ),
    live: (coopname, handler) => channelOf(session).watchCooperative(coopname, handler),
  };
}
