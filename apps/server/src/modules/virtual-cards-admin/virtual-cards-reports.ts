import { Inject, Injectable } from '@nestjs/common';
import type {
  PlatformVirtualCardsReport,
  VirtualCardReportCard,
  VirtualCardReportTotal,
  VirtualCardsReport,
} from '@cardcoop/contracts';
import { dayAfter, dayStart } from './keyset.js';
import { VirtualCardsAdminRepository } from './virtual-cards-admin.repository.js';
import type { ReportCardRow, ReportCoopRow } from './virtual-cards-admin.repository.js';

const emptyTotal = (currency: string): VirtualCardReportTotal => ({
  currency,
  purchases: 0,
  purchase_count: 0,
  refunds: 0,
  top_ups: 0,
  top_up_count: 0,
  fees: 0,
  opening_balance: 0,
  closing_balance: 0,
});

/** Adds `part`'s numbers into the per-currency totals. */
function addTotal(totals: Map<string, VirtualCardReportTotal>, part: VirtualCardReportTotal) {
  const total = totals.get(part.currency) ?? emptyTotal(part.currency);
  totals.set(part.currency, {
    currency: part.currency,
    purchases: total.purchases + part.purchases,
    purchase_count: total.purchase_count + part.purchase_count,
    refunds: total.refunds + part.refunds,
    top_ups: total.top_ups + part.top_ups,
    top_up_count: total.top_up_count + part.top_up_count,
    fees: total.fees + part.fees,
    opening_balance: total.opening_balance + part.opening_balance,
    closing_balance: total.closing_balance + part.closing_balance,
  });
}

const sorted = (totals: Map<string, VirtualCardReportTotal>) =>
  [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));

const presentCard = (row: ReportCardRow): VirtualCardReportCard => ({
  card_id: row.id,
  coopname: row.coopname,
  username: row.username,
  last4: row.last4,
  currency: row.currency,
  opening_balance: row.opening,
  top_ups: row.topUps,
  spent: row.spent,
  refunds: row.refunds,
  closing_balance: row.closing,
});

/** One cooperative's report from its cards' rows and its per-currency counts. */
function coopReport(
  coopname: string,
  range: { from: string; to: string },
  cards: ReportCardRow[],
  coops: ReportCoopRow[],
): VirtualCardsReport {
  const totals = new Map<string, VirtualCardReportTotal>();
  for (const card of cards) {
    addTotal(totals, {
      ...emptyTotal(card.currency),
      purchases: card.spent,
      refunds: card.refunds,
      top_ups: card.topUps,
      top_up_count: card.topUpCount,
      opening_balance: card.opening,
      closing_balance: card.closing,
    });
  }
  for (const row of coops) {
    addTotal(totals, {
      ...emptyTotal(row.currency),
      purchase_count: row.purchaseCount,
      fees: row.fees,
    });
  }
  return { coopname, ...range, totals: sorted(totals), cards: cards.map(presentCard) };
}

/**
 * Financial reports of virtual cards over a range of days (UTC, both included): turnover
 * (approved purchases, refunds), top-ups, fees, and each card's opening and closing balance —
 * sums of ledger entries by posting kind and time, purchases counted from card_transactions.
 */
@Injectable()
export class VirtualCardsReports {
  constructor(
    @Inject(VirtualCardsAdminRepository) private readonly repository: VirtualCardsAdminRepository,
  ) {}

  async forCooperative(
    coopname: string,
    range: { from: string; to: string },
  ): Promise<VirtualCardsReport> {
    const [from, to] = [dayStart(range.from), dayAfter(range.to)];
    const [cards, coops] = await Promise.all([
      this.repository.reportCards(coopname, from, to),
      this.repository.reportCooperatives(coopname, from, to),
    ]);
    return coopReport(coopname, range, cards, coops);
  }

  async forPlatform(range: { from: string; to: string }): Promise<PlatformVirtualCardsReport> {
    const [from, to] = [dayStart(range.from), dayAfter(range.to)];
    const [cards, coops] = await Promise.all([
      this.repository.reportCards(null, from, to),
      this.repository.reportCooperatives(null, from, to),
    ]);
    const names = [...new Set([...cards, ...coops].map((row) => row.coopname))].sort();
    const cooperatives = names.map((coopname) =>
      coopReport(
        coopname,
        range,
        cards.filter((row) => row.coopname === coopname),
        coops.filter((row) => row.coopname === coopname),
      ),
    );
    const totals = new Map<string, VirtualCardReportTotal>();
    for (const report of cooperatives) for (const total of report.totals) addTotal(totals, total);
    return { ...range, totals: sorted(totals), cooperatives };
  }
}
