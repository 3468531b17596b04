import type { Locale } from '../../common/i18n/locale.js';
import { renderCoopMail } from '../mail/coop-mail.js';
import type { CoopMailRenderers, RenderedMail } from '../mail/coop-mail.js';

/**
 * The mail to a cooperative's owners and admins when one of its webhook endpoints was disabled:
 * the endpoint is named by its URL's host only (the path may hold a token), with the reason.
 */
export interface WebhookDisabledMail {
  kind: 'webhook-disabled';
  coopname: string;
  displayName: string;
  host: string;
  reason: 'gone' | 'failing';
}

const render: CoopMailRenderers<WebhookDisabledMail> = {
  ru: (t, coop) => ({
    subject: `Вебхук отключён: ${t.host} (${coop})`,
    text: `CARD.COOP отключил вебхук кооператива ${coop} на адрес ${t.host}: ${
      t.reason === 'gone'
        ? 'адрес ответил 410 Gone, то есть больше не принимает события'
        : 'доставки на него не проходят уже несколько дней'
    }. События на этот адрес больше не отправляются.\n\nПроверьте адрес и включите вебхук снова в бизнес-панели, в разделе «Вебхуки».`,
  }),
  en: (t, coop) => ({
    subject: `Webhook disabled: ${t.host} (${coop})`,
    text: `CARD.COOP disabled the webhook of ${coop} to ${t.host}: ${
      t.reason === 'gone'
        ? 'the address answered 410 Gone, so it no longer takes events'
        : 'deliveries to it have failed for several days'
    }. No more events are sent to it.\n\nCheck the address and turn the webhook back on under "Webhooks" in the business panel.`,
  }),
};

export function renderWebhookDisabledMail(
  template: WebhookDisabledMail,
  locale: Locale,
): RenderedMail {
  return renderCoopMail(render, template, locale);
}
