import type { Messages } from '../../../lib/i18n/messages';

export const ru = {
  title: 'security',
};

export const en: Messages<typeof ru> = {
  title: 'security',
};
