import type { TFunction } from 'i18next';

const LOCALES: Record<string, string> = { ru: 'ru-RU', en: 'en-GB' };

/** An instant as the admin's local date and time: `5 дек. 2026 г., 21:40`. */
export function formatInstant(iso: string, language: string): string {
  return new Intl.DateTimeFormat(LOCALES[language] ?? LOCALES.ru, {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/** A duration in its largest whole unit: `3 ч`, `12 min`. */
export function formatDuration(seconds: number, t: TFunction<'admin'>): string {
  if (seconds < 60) return t('duration.seconds', { count: Math.floor(seconds) });
  if (seconds < 3600) return t('duration.minutes', { count: Math.floor(seconds / 60) });
  if (seconds < 86400) return t('duration.hours', { count: Math.floor(seconds / 3600) });
  return t('duration.days', { count: Math.floor(seconds / 86400) });
}

/** Saves bytes or text as a file of the browser's downloads; nothing stays in the page. */
export function saveFile(name: string, content: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}
