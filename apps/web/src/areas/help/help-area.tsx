import { addMessages } from '../../lib/i18n';
import { HelpPage } from './help-page';
import { ru } from './messages';

/** The help centre's words: Russian with the code, English fetched when on screen. */
export const messages = addMessages(
  'help',
  undefined,
  { ru: () => Promise.resolve(ru), en: async () => (await import('./messages.en')).en },
  ru,
);

// Lazy route module for /help: open to everyone, signed in or not.
export const Component = HelpPage;
