import { addMessages } from '../../lib/i18n';
import { ru } from './messages';

/** The `admin` namespace: Russian comes with the code, English is fetched when on screen. */
export const adminMessages = () =>
  addMessages(
    'admin',
    undefined,
    {
      ru: () => Promise.resolve(ru),
      en: async () => (await import('./messages.en')).en,
    },
    ru,
  );
