import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Date and time in the page's language, e.g. "12 мая 2026 г., 14:05". */
export function useFormatDate(): (date: string | Date) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, {
      dateStyle: 'long',
      timeStyle: 'short',
    });
    return (date) => format.format(new Date(date));
  }, [i18n.language]);
}
