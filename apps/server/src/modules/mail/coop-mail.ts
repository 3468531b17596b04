import type { Locale } from '../../common/i18n/locale.js';

/** A rendered mail: its subject line and plain text. */
export interface RenderedMail {
  subject: string;
  text: string;
}

/** Each language's rendering of a mail about one cooperative, given how the cooperative is named. */
export type CoopMailRenderers<T> = Record<Locale, (template: T, coop: string) => RenderedMail>;

/**
 * Renders a mail about a cooperative in `locale`, the cooperative named by its display name in
 * the language's quotes with its account name: «Имя» (coopname) or "Name" (coopname).
 */
export function renderCoopMail<T extends { displayName: string; coopname: string }>(
  renderers: CoopMailRenderers<T>,
  template: T,
  locale: Locale,
): RenderedMail {
  const coop =
    locale === 'ru'
      ? `«${template.displayName}» (${template.coopname})`
      : `"${template.displayName}" (${template.coopname})`;
  return renderers[locale](template, coop);
}
