import { addMessages } from '../../../lib/i18n';

/**
 * The section's words (`admin.virtualCards`) and the business panel's virtual-card words it
 * shares (report tables, date range, downloads: `business.virtualCards`).
 */
export const virtualCardsMessages = () =>
  Promise.all([
    addMessages('admin', 'virtualCards', {
      ru: async () => (await import('./messages')).ru,
      en: async () => (await import('./messages.en')).en,
    }),
    addMessages('business', 'virtualCards', {
      ru: async () => (await import('../../business/virtual-cards/messages')).ru,
      en: async () => (await import('../../business/virtual-cards/messages.en')).en,
    }),
  ]).then(() => undefined);
