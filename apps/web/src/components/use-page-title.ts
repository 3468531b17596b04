import { useEffect } from 'react';

const APP_NAME = 'CARD.COOP';

/** Sets `<title>` for the current page; without a title shows the product name alone. */
export function usePageTitle(title?: string) {
  useEffect(() => {
    document.title = title ? `${title} · ${APP_NAME}` : APP_NAME;
  }, [title]);
}
