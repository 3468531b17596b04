import type { VirtualCardReportTotal } from '@cardcoop/contracts';
import type { Locale } from '../../common/i18n/locale.js';
import { renderCoopMail } from '../mail/coop-mail.js';
import type { CoopMailRenderers, RenderedMail } from '../mail/coop-mail.js';
import { majorUnits } from './major-units.js';

/**
 * The monthly virtual-card report mailed to a cooperative's owners: last month's totals per
 * currency and where to download the full report (the business panel: CSV and XLSX).
 */
export interface VirtualCardsMonthlyMail {
  kind: 'virtual-cards-monthly';
  coopname: string;
  displayName: string;
  /** `YYYY-MM`. */
  month: string;
  cards: number;
  totals: VirtualCardReportTotal[];
}

const money = (amount: number, currency: string) => `${majorUnits(amount)} ${currency}`;

const render: CoopMailRenderers<VirtualCardsMonthlyMail> = {
  ru: (t, coop) => ({
    subject: `Отчёт по виртуальным картам за ${t.month} (${coop})`,
    text: [
      `Отчёт по виртуальным картам кооператива ${coop} за ${t.month}.`,
      `Карт в отчёте: ${t.cards}.`,
      ...t.totals.map(
        (x) =>
          `${x.currency}: покупки ${money(x.purchases, x.currency)} (${x.purchase_count}), возвраты ${money(x.refunds, x.currency)}, пополнения ${money(x.top_ups, x.currency)} (${x.top_up_count}), комиссии ${money(x.fees, x.currency)}, остаток на картах на конец месяца ${money(x.closing_balance, x.currency)}.`,
      ),
      ...(t.totals.length === 0 ? ['Операций по картам не было.'] : []),
      '',
      'Полный отчёт по каждой карте (CSV и XLSX) — в бизнес-панели CARD.COOP, раздел «Виртуальные карты».',
    ].join('\n'),
  }),
  en: (t, coop) => ({
    subject: `Virtual cards report for ${t.month} (${coop})`,
    text: [
      `The virtual cards report of ${coop} for ${t.month}.`,
      `Cards in the report: ${t.cards}.`,
      ...t.totals.map(
        (x) =>
          `${x.currency}: purchases ${money(x.purchases, x.currency)} (${x.purchase_count}), refunds ${money(x.refunds, x.currency)}, top-ups ${money(x.top_ups, x.currency)} (${x.top_up_count}), fees ${money(x.fees, x.currency)}, on the cards at the month's end ${money(x.closing_balance, x.currency)}.`,
      ),
      ...(t.totals.length === 0 ? ['There were no card operations.'] : []),
      '',
      'The full report per card (CSV and XLSX) is in the CARD.COOP business panel, under "Virtual cards".',
    ].join('\n'),
  }),
};

export function renderVirtualCardsMonthlyMail(
  template: VirtualCardsMonthlyMail,
  locale: Locale,
): RenderedMail {
  return renderCoopMail(render, template, locale);
}
