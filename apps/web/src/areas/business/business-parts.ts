import { addMessages } from '../../lib/i18n';
import type { MessageLoaders } from '../../lib/i18n';
import type { ru as application } from './application/messages';
import type { ru as virtualCards } from './virtual-cards/messages';
import type { ru as webhooks } from './webhooks/messages';

/**
 * Sections of the `business` namespace that bring their own messages (`<section>/messages.ts`,
 * `messages.en.ts`), loaded under their top-level key in the language on screen only.
 */
export interface BusinessParts {
  webhooks: typeof webhooks;
  application: typeof application;
  virtualCards: typeof virtualCards;
}

const LOADERS: Record<keyof BusinessParts, MessageLoaders> = {
  webhooks: {
    ru: async () => (await import('./webhooks/messages')).ru,
    en: async () => (await import('./webhooks/messages.en')).en,
  },
  application: {
    ru: async () => (await import('./application/messages')).ru,
    en: async () => (await import('./application/messages.en')).en,
  },
  virtualCards: {
    ru: async () => (await import('./virtual-cards/messages')).ru,
    en: async () => (await import('./virtual-cards/messages.en')).en,
  },
};

/** Loads the sections' messages into the `business` namespace. */
export const businessParts = () =>
  Promise.all(
    (Object.keys(LOADERS) as (keyof BusinessParts)[]).map((part) =>
      addMessages('business', part, LOADERS[part]),
    ),
  ).then(() => undefined);
