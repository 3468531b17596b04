import { addMessages } from '../../lib/i18n';
import { ru } from './messages';

/** The `business` namespace: Russian comes with the code, English is fetched when on screen. */
export const businessMessages = () =>
  addMessages(
    'business',
    undefined,
    {
      ru: () => Promise.resolve(ru),
      en: async () => (await import('./messages.en')).en,
    },
    ru,
  );
