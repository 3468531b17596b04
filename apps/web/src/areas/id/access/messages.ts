import type { Messages } from '../../../lib/i18n/messages';

export const ru = {
  title: 'access',
};

export const en: Messages<typeof ru> = {
  title: 'access',
};
