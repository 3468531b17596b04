import type { BusinessStats, BusinessStatsDay } from '@cardcoop/contracts';
import type { Locale } from '../../common/i18n/locale.js';

type Column = keyof BusinessStatsDay;

const HEADERS: Record<Locale, Record<Column, string>> = {
  ru: {
    date: 'Дата',
    connect_opened: 'Открытия подключения',
    registrations: 'Регистрации',
    sign_ins: 'Входы',
    consents: 'Согласия',
    refusals: 'Отказы',
    revocations: 'Отзывы',
    tickets_exchanged: 'Обмены билетов',
    reads: 'Чтения данных',
    membership_confirmations: 'Подтверждения членства',
  },
  en: {
    date: 'Date',
    connect_opened: 'Connect opened',
    registrations: 'Registrations',
    sign_ins: 'Sign-ins',
    consents: 'Consents',
    refusals: 'Refusals',
    revocations: 'Revocations',
    tickets_exchanged: 'Tickets exchanged',
    reads: 'Data reads',
    membership_confirmations: 'Membership confirmations',
  },
};

const COLUMNS = Object.keys(HEADERS.en) as Column[];

/**
 * One CSV cell (RFC 4180): quoted when it holds a separator, quote or line break; a text that a
 * spreadsheet would take for a formula (`= + - @`, tab, carriage return first) is prefixed with
 * an apostrophe so it stays text.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The statistics' days as CSV, headers in the reader's language, CRLF line ends; a byte order
 * mark first, so that Excel reads the Russian headers as UTF-8.
 */
export function statsCsv(stats: BusinessStats, locale: Locale): string {
  const lines = [COLUMNS.map((column) => csvCell(HEADERS[locale][column]))];
  for (const day of stats.days) lines.push(COLUMNS.map((column) => csvCell(day[column])));
  return `\uFEFF${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}
