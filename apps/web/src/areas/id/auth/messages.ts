import type { Messages } from '../../../lib/i18n/messages';

export const ru = {
  title: 'auth',
};

export const en: Messages<typeof ru> = {
  title: 'auth',
};
