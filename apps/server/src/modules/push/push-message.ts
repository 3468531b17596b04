import { isSecurityNotification } from '@cardcoop/contracts';
import type { PushMessage } from '@cardcoop/contracts';
import type { Locale } from '../../common/i18n/locale.js';
import { noticeLine } from '../notifications/notice-mail.js';
import type { MailNotice } from '../notifications/notice-mail.js';

const TITLE: Record<Locale, { notice: string; security: string }> = {
  ru: { notice: 'CARD.COOP', security: 'CARD.COOP: безопасность' },
  en: { notice: 'CARD.COOP', security: 'CARD.COOP security' },
};

/** Where a click on the notification leads: the member's notification centre. */
export const PUSH_OPENS = '/member/notifications';

/** The push message of a notice: the line its e-mail says, in the member's language. */
export function pushMessage(notice: MailNotice, locale: Locale): PushMessage {
  return {
    type: notice.type,
    title: TITLE[locale][isSecurityNotification(notice.type) ? 'security' : 'notice'],
    body: noticeLine(notice, locale),
    url: PUSH_OPENS,
  };
}
