import ExcelJS from 'exceljs';
import type {
  VirtualCardReportCard,
  VirtualCardReportTotal,
  VirtualCardsReport,
} from '@cardcoop/contracts';
import type { Locale } from '../../common/i18n/locale.js';
import { csvCell } from '../business-stats/business-stats-csv.js';
import { majorUnits } from './major-units.js';

type CardColumn = Exclude<keyof VirtualCardReportCard, 'card_id'>;
type TotalColumn = keyof VirtualCardReportTotal | 'coopname';

const CARD_HEADERS: Record<Locale, Record<CardColumn, string>> = {
  ru: {
    coopname: 'Кооператив',
    username: 'Пайщик',
    last4: 'Карта',
    currency: 'Валюта',
    opening_balance: 'Остаток на начало',
    top_ups: 'Пополнения',
    spent: 'Покупки',
    refunds: 'Возвраты',
    closing_balance: 'Остаток на конец',
  },
  en: {
    coopname: 'Cooperative',
    username: 'Member',
    last4: 'Card',
    currency: 'Currency',
    opening_balance: 'Opening balance',
    top_ups: 'Top-ups',
    spent: 'Purchases',
    refunds: 'Refunds',
    closing_balance: 'Closing balance',
  },
};

const TOTAL_HEADERS: Record<Locale, Record<TotalColumn, string>> = {
  ru: {
    coopname: 'Кооператив',
    currency: 'Валюта',
    purchase_count: 'Число покупок',
    purchases: 'Покупки',
    refunds: 'Возвраты',
    top_up_count: 'Число пополнений',
    top_ups: 'Пополнения',
    fees: 'Комиссии',
    opening_balance: 'Остаток на начало',
    closing_balance: 'Остаток на конец',
  },
  en: {
    coopname: 'Cooperative',
    currency: 'Currency',
    purchase_count: 'Purchases (count)',
    purchases: 'Purchases',
    refunds: 'Refunds',
    top_up_count: 'Top-ups (count)',
    top_ups: 'Top-ups',
    fees: 'Fees',
    opening_balance: 'Opening balance',
    closing_balance: 'Closing balance',
  },
};

const CARD_COLUMNS = Object.keys(CARD_HEADERS.en) as CardColumn[];
const TOTAL_COLUMNS = Object.keys(TOTAL_HEADERS.en) as TotalColumn[];
const AMOUNTS = new Set<string>([
  'opening_balance',
  'top_ups',
  'spent',
  'refunds',
  'closing_balance',
  'purchases',
  'fees',
]);
const TITLES: Record<Locale, { summary: string; cards: string }> = {
  ru: { summary: 'Сводка', cards: 'Карты' },
  en: { summary: 'Summary', cards: 'Cards' },
};

const cardCells = (card: VirtualCardReportCard) =>
  CARD_COLUMNS.map((column) => ({ column, value: card[column] }));
const totalCells = (coopname: string, total: VirtualCardReportTotal) =>
  TOTAL_COLUMNS.map((column) => ({
    column,
    value: column === 'coopname' ? coopname : total[column],
  }));

/**
 * The report as CSV (the business statistics' cell rules: RFC 4180, formula-safe, BOM, CRLF):
 * the cards, then one totals line per cooperative and currency; headers in the reader's language,
 * amounts in major units.
 */
export function reportCsv(reports: VirtualCardsReport[], locale: Locale): string {
  const text = (column: string, value: string | number) =>
    csvCell(AMOUNTS.has(column) ? majorUnits(Number(value)) : value);
  const lines = [CARD_COLUMNS.map((column) => csvCell(CARD_HEADERS[locale][column]))];
  for (const report of reports) {
    for (const card of report.cards) {
      lines.push(cardCells(card).map(({ column, value }) => text(column, value)));
    }
  }
  lines.push([]);
  lines.push(TOTAL_COLUMNS.map((column) => csvCell(TOTAL_HEADERS[locale][column])));
  for (const report of reports) {
    for (const total of report.totals) {
      lines.push(
        totalCells(report.coopname, total).map(({ column, value }) => text(column, value)),
      );
    }
  }
  return `\uFEFF${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}

/** The report as an XLSX workbook: a summary sheet (totals) and a cards sheet. */
export async function reportXlsx(
  reports: VirtualCardsReport[],
  range: { from: string; to: string },
  locale: Locale,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'card.coop';
  const value = (column: string, raw: string | number) =>
    AMOUNTS.has(column) ? Number(majorUnits(Number(raw))) : raw;
  const sheet = (name: string, headers: string[]) => {
    const created = workbook.addWorksheet(name);
    created.addRow([`${range.from} — ${range.to}`]);
    created.addRow(headers).font = { bold: true };
    created.columns.forEach((column) => (column.width = 18));
    return created;
  };
  const summary = sheet(
    TITLES[locale].summary,
    TOTAL_COLUMNS.map((column) => TOTAL_HEADERS[locale][column]),
  );
  for (const report of reports) {
    for (const total of report.totals) {
      summary.addRow(totalCells(report.coopname, total).map((c) => value(c.column, c.value)));
    }
  }
  const cards = sheet(
    TITLES[locale].cards,
    CARD_COLUMNS.map((column) => CARD_HEADERS[locale][column]),
  );
  for (const report of reports) {
    for (const card of report.cards) {
      cards.addRow(cardCells(card).map((c) => value(c.column, c.value)));
    }
  }
  for (const [target, columns] of [
    [summary, TOTAL_COLUMNS],
    [cards, CARD_COLUMNS],
  ] as const) {
    columns.forEach((column, index) => {
      if (AMOUNTS.has(column)) target.getColumn(index + 1).numFmt = '#,##0.00';
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
