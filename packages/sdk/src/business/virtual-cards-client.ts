import {
  businessTopUpPageSchema,
  businessVirtualCardPageSchema,
  businessVirtualCardsOverviewSchema,
  virtualCardConditionsStateSchema,
  virtualCardsReportSchema,
} from '@cardcoop/contracts';
import type {
  BusinessTopUpPage,
  BusinessTopUpsQuery,
  BusinessVirtualCardPage,
  BusinessVirtualCardsOverview,
  BusinessVirtualCardsQuery,
  PutVirtualCardConditions,
  VirtualCardConditionsState,
  VirtualCardsReport,
  VirtualCardsReportQuery,
} from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import type { BytesResponse } from '../http.js';
import { withQuery } from '../http.js';
import type { MemberSessionManager } from '../session/manager.js';

/** `/api/v1/business/cooperatives/{coopname}/virtual-cards`. */
export const virtualCardsPath = (coopname: string) =>
  `/api/v1/business/cooperatives/${encodeURIComponent(coopname)}/virtual-cards`;

/** A report file: its bytes, type and the name the server suggests. */
export interface ReportFile {
  bytes: Uint8Array;
  content_type: string;
  file_name: string | null;
}

/**
 * Downloads a report file with the session; its headers are in the client's language (the
 * `Accept-Language` it sends: ru or en).
 */
export async function downloadReport(
  session: MemberSessionManager,
  path: string,
): Promise<ReportFile> {
  const { bytes, headers } = await session.request<BytesResponse>(path, {
    responseType: 'bytes',
  });
  return {
    bytes,
    content_type: headers.get('content-type') ?? 'application/octet-stream',
    file_name: /filename="([^"]*)"/i.exec(headers.get('content-disposition') ?? '')?.[1] ?? null,
  };
}

/**
 * A cooperative's virtual cards in the business panel (issue 15): staff (owner, admin, viewer)
 * read the funds and what is in transit, the cards (last 4 digits, never the number), the
 * issues and top-ups and the reports; owners and admins set the conditions. Amounts are integer
 * minor units of their currency (`{ amount: 150000, currency: 'USD' }` is 1 500.00).
 *
 * @example
 * ```ts
 * const overview = await business.virtualCards.overview('voskhod');
 * await business.virtualCards.setConditions('voskhod', {
 *   ...overview.conditions,
 *   issuing: true,
 *   expected_revision: overview.conditions.revision,
 * });
 * const report = await business.virtualCards.report('voskhod', { from: '2026-11-01', to: '2026-11-30' });
 * const xlsx = await business.virtualCards.reportXlsx('voskhod', { from: '2026-11-01', to: '2026-11-30' });
 * ```
 */
export interface BusinessVirtualCardsClient {
  /** Funds per currency, top-ups in transit, cards per status, the level and the conditions. */
  overview(coopname: string): Promise<BusinessVirtualCardsOverview>;
  /**
   * New conditions on top of `expected_revision` (0 when none were set): `CONFLICT` when someone
   * changed them since, `COOPERATIVE_NOT_EXTENDED` turning issuing on below the extended level.
   */
  setConditions(
    coopname: string,
    conditions: PutVirtualCardConditions,
  ): Promise<VirtualCardConditionsState>;
  /** The cooperative's cards, newest first; page on with `next_cursor` as `cursor`. */
  cards(coopname: string, query?: BusinessVirtualCardsQuery): Promise<BusinessVirtualCardPage>;
  /** Card issues and top-ups (amount, fee, status, failure), newest first, by date range. */
  topUps(coopname: string, query?: BusinessTopUpsQuery): Promise<BusinessTopUpPage>;
  /** Turnover, top-ups, fees and each card's balances over the days (both included, ≤ 366). */
  report(coopname: string, query: VirtualCardsReportQuery): Promise<VirtualCardsReport>;
  /** The report as CSV (amounts in major units; headers in the client's language). */
  reportCsv(coopname: string, query: VirtualCardsReportQuery): Promise<ReportFile>;
  /** The report as an XLSX workbook: a summary sheet and a cards sheet. */
  reportXlsx(coopname: string, query: VirtualCardsReportQuery): Promise<ReportFile>;
}

export function createBusinessVirtualCardsClient(
  session: MemberSessionManager,
): BusinessVirtualCardsClient {
  return {
    overview: async (coopname) =>
      parseResponse(
        businessVirtualCardsOverviewSchema,
        await session.request(virtualCardsPath(coopname)),
        'business virtual cards',
      ),
    setConditions: async (coopname, conditions) =>
      parseResponse(
        virtualCardConditionsStateSchema,
        await session.request(`${virtualCardsPath(coopname)}/conditions`, {
          method: 'PUT',
          body: conditions,
        }),
        'virtual cards conditions',
      ),
    cards: async (coopname, query = {}) =>
      parseResponse(
        businessVirtualCardPageSchema,
        await session.request(withQuery(`${virtualCardsPath(coopname)}/cards`, query)),
        'virtual cards list',
      ),
    topUps: async (coopname, query = {}) =>
      parseResponse(
        businessTopUpPageSchema,
        await session.request(withQuery(`${virtualCardsPath(coopname)}/top-ups`, query)),
        'virtual cards top-ups',
      ),
    report: async (coopname, query) =>
      parseResponse(
        virtualCardsReportSchema,
        await session.request(withQuery(`${virtualCardsPath(coopname)}/report`, query)),
        'virtual cards report',
      ),
    reportCsv: (coopname, query) =>
      downloadReport(session, withQuery(`${virtualCardsPath(coopname)}/report.csv`, query)),
    reportXlsx: (coopname, query) =>
      downloadReport(session, withQuery(`${virtualCardsPath(coopname)}/report.xlsx`, query)),
  };
}
