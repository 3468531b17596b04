import type { Locale } from '../../common/i18n/locale.js';
import type { CooperativeRole } from '../../db/schema/index.js';

/** The mail that invites an address to a cooperative's staff (a single-use link). */
export interface StaffInvitationMail {
  kind: 'staff-invitation';
  /** The cooperative's display name. */
  cooperative: string;
  role: CooperativeRole;
  url: string;
  /** When the link stops working, e.g. `12 December 2026, 21:00 UTC`. */
  expires: string;
}

const ROLES: Record<Locale, Record<CooperativeRole, string>> = {
  ru: { owner: 'владельца', admin: 'администратора', viewer: 'наблюдателя' },
  en: { owner: 'an owner', admin: 'an admin', viewer: 'a viewer' },
};

/** The date a link expires, in the mail's language. */
export function mailDate(locale: Locale, at: Date): string {
  const text = new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(at);
  return `${text} UTC`;
}

export function renderStaffInvitationMail(
  t: StaffInvitationMail,
  locale: Locale,
): { subject: string; text: string } {
  const role = ROLES[locale][t.role];
  return locale === 'ru'
    ? {
        subject: `Приглашение в кабинет кооператива «${t.cooperative}» в CARD.COOP`,
        text: `Вас приглашают в кабинет кооператива «${t.cooperative}» в роли ${role}. Чтобы принять приглашение, войдите в CARD.COOP с этим адресом почты (или зарегистрируйтесь) и откройте ссылку: ${t.url}\n\nСсылка одноразовая и действует до ${t.expires}. Если вы не ждали приглашения, просто удалите это письмо.`,
      }
    : {
        subject: `Invitation to the business panel of "${t.cooperative}" at CARD.COOP`,
        text: `You are invited to the business panel of "${t.cooperative}" as ${role}. To accept, sign in to CARD.COOP with this e-mail address (or register) and open this link: ${t.url}\n\nThe link works once, until ${t.expires}. If you did not expect an invitation, just delete this e-mail.`,
      };
}
