import type { Messages } from '../../../lib/i18n/messages';

export const ru = {
  title: 'card',
};

export const en: Messages<typeof ru> = {
  title: 'card',
};
