import { addMessages } from '../../../lib/i18n';
import { ru } from './messages';

/** The `member:notifications` part: Russian comes with the code, English is fetched. */
export const notificationsMessages = () =>
  addMessages(
    'member',
    'notifications',
    {
      ru: () => Promise.resolve(ru),
      en: async () => (await import('./messages.en')).en,
    },
    ru,
  );
