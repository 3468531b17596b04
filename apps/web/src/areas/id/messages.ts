import { i18n } from '../../lib/i18n';
import type { Messages } from '../../lib/i18n/messages';
import * as access from './access/messages';
import * as auth from './auth/messages';
import * as card from './card/messages';
import * as common from './common/messages';
import * as security from './security/messages';

// The `id` namespace: one part per feature, loaded with the area's code.
const ru = {
  common: common.ru,
  auth: auth.ru,
  card: card.ru,
  access: access.ru,
  security: security.ru,
};
export type IdMessages = typeof ru;

const en: Messages<IdMessages> = {
  common: common.en,
  auth: auth.en,
  card: card.en,
  access: access.en,
  security: security.en,
};

i18n.addResourceBundle('ru', 'id', ru);
i18n.addResourceBundle('en', 'id', en);
