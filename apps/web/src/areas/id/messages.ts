import { addMessages } from '../../lib/i18n';
import type { MessageLoaders } from '../../lib/i18n';
import type { ru as access } from './access/messages';
import type { ru as auth } from './auth/messages';
import type { ru as card } from './card/messages';
import type { ru as common } from './common/messages';
import type { ru as security } from './security/messages';

// The `id` namespace, one part per feature. A page loads the parts it uses, in the language on
// screen only: Russian in `<part>/messages.ts`, English in `<part>/messages.en.ts`.
export interface IdMessages {
  common: typeof common;
  auth: typeof auth;
  card: typeof card;
  access: typeof access;
  security: typeof security;
}
export type IdPart = keyof IdMessages;

const LOADERS: Record<IdPart, MessageLoaders> = {
  common: {
    ru: async () => (await import('./common/messages')).ru,
    en: async () => (await import('./common/messages.en')).en,
  },
  auth: {
    ru: async () => (await import('./auth/messages')).ru,
    en: async () => (await import('./auth/messages.en')).en,
  },
  card: {
    ru: async () => (await import('./card/messages')).ru,
    en: async () => (await import('./card/messages.en')).en,
  },
  access: {
    ru: async () => (await import('./access/messages')).ru,
    en: async () => (await import('./access/messages.en')).en,
  },
  security: {
    ru: async () => (await import('./security/messages')).ru,
    en: async () => (await import('./security/messages.en')).en,
  },
};

/**
 * Loads parts of the `id` namespace; `bundled` are Russian parts that came with the caller's
 * code (no fetch). Resolves once they can be rendered in the language on screen: a page renders
 * only then. `common` and `auth` are always there in the area (the layout, the locked screen).
 */
export function idMessages(parts: IdPart[], bundled: Partial<IdMessages> = {}): Promise<void> {
  return Promise.all(
    parts.map((part) => addMessages('id', part, LOADERS[part], bundled[part])),
  ).then(() => undefined);
}
