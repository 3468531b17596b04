/** An instant as the member reads it: `5 дек. 2026 г., 14:03` (ru), `5 Dec 2026, 14:03` (en). */
export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ru-RU', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** A sum in kopecks as money: `1 500,00 ₽` (ru), `RUB 1,500.00` (en). */
export function formatMoney(minor: number, currency: string, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'ru-RU', {
    style: 'currency',
    currency,
  }).format(minor / 100);
}
