import {
  fundingResultSchema,
  platformVirtualCardsReportSchema,
  reconciliationListSchema,
  reconciliationRunSchema,
  virtualCardsMasterSchema,
} from '@cardcoop/contracts';
import type {
  AllocateFunds,
  FundingResult,
  FundMaster,
  PlatformVirtualCardsReport,
  ReconciliationList,
  ReconciliationRun,
  VirtualCardsMaster,
  VirtualCardsReportQuery,
} from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { withQuery } from '../http.js';
import type { IdempotencyOptions } from '../member/virtual-cards-client.js';
import type { MemberSessionManager } from '../session/manager.js';
import { downloadReport } from './virtual-cards-client.js';
import type { ReportFile } from './virtual-cards-client.js';

const PATH = '/api/v1/admin/virtual-cards';

/**
 * The payment-system operator's side of virtual cards (platform admins, operator reviewers):
 * the master account at Aifory beside the ledger's view of it, recording money put on it and
 * allocating it to cooperatives (a step-up in the last 5 minutes; an Idempotency-Key, made when
 * not given — pass the same one to retry after a network error), reconciliation with the
 * provider, reports across cooperatives.
 *
 * @example
 * ```ts
 * await member.stepUp({ code: '123456' });
 * await platform.virtualCards.fund({ coopname: null, amount: { amount: 5_000_000, currency: 'USD' }, reference: 'wire 2026-12-01' });
 * await platform.virtualCards.allocate({ coopname: 'voskhod', amount: { amount: 1_000_000, currency: 'USD' } });
 * const run = await platform.virtualCards.reconcile();
 * run.difference_count; // 0
 * ```
 */
export interface PlatformVirtualCardsClient {
  /**
   * Aifory's master balance, the ledger's view (unallocated + cooperatives' funds + in transit),
   * the trial balance and each cooperative's funds; `PROVIDER_UNAVAILABLE` (503) without Aifory.
   */
  master(): Promise<VirtualCardsMaster>;
  /** Records money put on the master account: unallocated (`coopname: null`) or a cooperative's. */
  fund(input: FundMaster, options?: IdempotencyOptions): Promise<FundingResult>;
  /** Unallocated money to a cooperative's funds: `INSUFFICIENT_FUNDS` beyond what is unallocated. */
  allocate(input: AllocateFunds, options?: IdempotencyOptions): Promise<FundingResult>;
  /** Reconciles now: each card's balance and the master account against Aifory; kept. */
  reconcile(): Promise<ReconciliationRun>;
  /** Reconciliation reports (the hourly job's and the button's), latest first. */
  reconciliations(limit?: number): Promise<ReconciliationList>;
  /** Every cooperative's report over the days (both included, ≤ 366), with totals. */
  report(query: VirtualCardsReportQuery): Promise<PlatformVirtualCardsReport>;
  /** The report across cooperatives as CSV (headers in the client's language). */
  reportCsv(query: VirtualCardsReportQuery): Promise<ReportFile>;
  /** The report across cooperatives as XLSX (summary, cards). */
  reportXlsx(query: VirtualCardsReportQuery): Promise<ReportFile>;
}

export function createPlatformVirtualCardsClient(
  session: MemberSessionManager,
): PlatformVirtualCardsClient {
  const keyed = (options: IdempotencyOptions | undefined) => ({
    'idempotency-key': options?.idempotencyKey ?? crypto.randomUUID(),
  });
  return {
    master: async () =>
      parseResponse(virtualCardsMasterSchema, await session.request(PATH), 'virtual cards master'),
    fund: async (input, options) =>
      parseResponse(
        fundingResultSchema,
        await session.request(`${PATH}/fund`, {
          method: 'POST',
          body: input,
          headers: keyed(options),
        }),
        'virtual cards fund',
      ),
    allocate: async (input, options) =>
      parseResponse(
        fundingResultSchema,
        await session.request(`${PATH}/allocate`, {
          method: 'POST',
          body: input,
          headers: keyed(options),
        }),
        'virtual cards allocate',
      ),
    reconcile: async () =>
      parseResponse(
        reconciliationRunSchema,
        await session.request(`${PATH}/reconcile`, { method: 'POST' }),
        'virtual cards reconcile',
      ),
    reconciliations: async (limit) =>
      parseResponse(
        reconciliationListSchema,
        await session.request(withQuery(`${PATH}/reconciliations`, { limit })),
        'virtual cards reconciliations',
      ),
    report: async (query) =>
      parseResponse(
        platformVirtualCardsReportSchema,
        await session.request(withQuery(`${PATH}/report`, query)),
        'virtual cards report',
      ),
    reportCsv: (query) => downloadReport(session, withQuery(`${PATH}/report.csv`, query)),
    reportXlsx: (query) => downloadReport(session, withQuery(`${PATH}/report.xlsx`, query)),
  };
}
