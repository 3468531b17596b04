import type { Locale } from '../../common/i18n/locale.js';
import { renderNoticeMail } from '../notifications/notice-mail.js';
import type { NoticeMailTemplate } from '../notifications/notice-mail.js';
import { renderClaimMail } from '../claims/claim-mail.js';
import type { ClaimMailTemplate } from '../claims/claim-mail.js';
import { renderApplicationMail } from '../applications/application-mail.js';
import type { ApplicationMailTemplate } from '../applications/application-mail.js';
import { renderVirtualCardsMonthlyMail } from '../virtual-cards-admin/monthly-report-mail.js';
import type { VirtualCardsMonthlyMail } from '../virtual-cards-admin/monthly-report-mail.js';
import { renderStaffInvitationMail } from '../staff/invitation-mail.js';
import type { StaffInvitationMail } from '../staff/invitation-mail.js';
import { renderWebhookDisabledMail } from '../webhooks/webhook-mail.js';
import type { WebhookDisabledMail } from '../webhooks/webhook-mail.js';

export type MailTemplate =
  | { kind: 'code'; code: string; purpose: CodePurpose; minutes: number }
  | { kind: 'someone-tried-to-register' }
  | { kind: 'new-device-login'; device: string; at: string }
  | { kind: 'totp-enabled'; revertUrl: string }
  | { kind: 'totp-disabled' }
  | { kind: 'password-changed'; by: 'password' | 'recovery' }
  | { kind: 'recovery-kit-issued' }
  | { kind: 'deletion-scheduled'; due: string }
  | { kind: 'deletion-cancelled' }
  | { kind: 'email-changed'; revertUrl: string }
  | { kind: 'address-in-use' }
  | { kind: 'login-locked'; minutes: number }
  | NoticeMailTemplate
  | ClaimMailTemplate
  | ApplicationMailTemplate
  | StaffInvitationMail
  | WebhookDisabledMail
  | VirtualCardsMonthlyMail;

export type CodePurpose = 'registration' | 'recovery' | 'deletion' | 'email_change';

export interface RenderedMail {
  subject: string;
  text: string;
}

const PURPOSE: Record<Locale, Record<CodePurpose, string>> = {
  ru: {
    registration: 'регистрации',
    recovery: 'восстановления доступа',
    deletion: 'удаления учётной записи',
    email_change: 'смены адреса почты',
  },
  en: {
    registration: 'registration',
    recovery: 'account recovery',
    deletion: 'account deletion',
    email_change: 'e-mail change',
  },
};

const render: Record<
  Locale,
  (
    template: Exclude<
      MailTemplate,
      | NoticeMailTemplate
      | ClaimMailTemplate
      | StaffInvitationMail
      | ApplicationMailTemplate
      | WebhookDisabledMail
      | VirtualCardsMonthlyMail
    >,
  ) => RenderedMail
> = {
  ru: (t) => {
    switch (t.kind) {
      case 'code':
        return {
          subject: `Код ${t.code} для ${PURPOSE.ru[t.purpose]} в CARD.COOP`,
          text: `Ваш код для ${PURPOSE.ru[t.purpose]}: ${t.code}\n\nКод действует ${t.minutes} минут. Если вы его не запрашивали, просто удалите это письмо.`,
        };
      case 'someone-tried-to-register':
        return {
          subject: 'Попытка зарегистрироваться с вашим адресом в CARD.COOP',
          text: 'Кто-то пытался зарегистрировать новую карту пайщика с этим адресом, но у вас уже есть учётная запись. Если это были вы, просто войдите. Если нет — ничего делать не нужно: без доступа к этой почте зарегистрироваться нельзя.',
        };
      case 'new-device-login':
        return {
          subject: 'Вход в CARD.COOP с нового устройства',
          text: `Выполнен вход с устройства «${t.device}» (${t.at}). Если это были не вы, завершите этот сеанс в настройках безопасности и смените пароль.`,
        };
      case 'password-changed':
        return {
          subject: 'Пароль CARD.COOP изменён',
          text:
            t.by === 'recovery'
              ? 'Доступ восстановлен с помощью набора восстановления: задан новый пароль и создан новый набор, все сеансы завершены. Если это были не вы, немедленно свяжитесь с поддержкой.'
              : 'Пароль вашей учётной записи изменён. Если это были не вы, немедленно восстановите доступ с помощью набора восстановления.',
        };
      case 'recovery-kit-issued':
        return {
          subject: 'Выпущен новый набор восстановления CARD.COOP',
          text: 'Для вашей учётной записи выпущен новый набор восстановления. Прежний набор больше не действует — уничтожьте его и храните новый в надёжном месте. Если это были не вы, немедленно смените пароль.',
        };
      case 'deletion-scheduled':
        return {
          subject: 'Учётная запись CARD.COOP будет удалена',
          text: `Учётная запись, карта и все доступы будут удалены ${t.due}. Чтобы отменить удаление, войдите с любого устройства и нажмите «Отменить удаление».`,
        };
      case 'deletion-cancelled':
        return {
          subject: 'Удаление учётной записи CARD.COOP отменено',
          text: 'Удаление отменено, учётная запись сохранена.',
        };
      case 'email-changed':
        return {
          subject: 'Адрес почты CARD.COOP изменён',
          text: `Адрес почты вашей учётной записи изменён. Если это были не вы, верните прежний адрес по ссылке (действует 7 дней): ${t.revertUrl}`,
        };
      case 'login-locked':
        return {
          subject: 'Вход в CARD.COOP временно заблокирован',
          text: `Было несколько неудачных попыток входа с вашим адресом, поэтому вход заблокирован на ${t.minutes} мин. Если это были не вы, ничего делать не нужно: пароль никто не узнал. Если вы забыли пароль, восстановите доступ с помощью набора восстановления.`,
        };
      case 'address-in-use':
        return {
          subject: 'Попытка привязать ваш адрес в CARD.COOP',
          text: 'Кто-то пытался привязать этот адрес к другой учётной записи. Адрес уже используется вашей учётной записью, поэтому ничего не изменилось.',
        };
      case 'totp-enabled':
        return {
          subject: 'Двухфакторная аутентификация включена',
          text: `Для входа в CARD.COOP теперь нужен код из приложения-аутентификатора. Сохраните резервные коды в надёжном месте. Если это были не вы, отмените подключение по ссылке (действует 7 дней): ${t.revertUrl} — двухфакторная защита выключится, а все сеансы будут завершены. Затем смените пароль: тот, кто подключил своё приложение, знает ваш пароль.`,
        };
      case 'totp-disabled':
        return {
          subject: 'Двухфакторная аутентификация отключена',
          text: 'Для входа в CARD.COOP больше не нужен код из приложения. Если это были не вы, немедленно смените пароль и включите защиту снова.',
        };
    }
  },
  en: (t) => {
    switch (t.kind) {
      case 'code':
        return {
          subject: `CARD.COOP ${PURPOSE.en[t.purpose]} code ${t.code}`,
          text: `Your ${PURPOSE.en[t.purpose]} code: ${t.code}\n\nIt is valid for ${t.minutes} minutes. If you did not ask for it, just delete this e-mail.`,
        };
      case 'someone-tried-to-register':
        return {
          subject: 'Someone tried to register with your address at CARD.COOP',
          text: 'Someone tried to register a new member card with this address, but you already have an account. If it was you, just sign in. If not, there is nothing to do: nobody can register without access to this mailbox.',
        };
      case 'new-device-login':
        return {
          subject: 'New sign-in to CARD.COOP',
          text: `Someone signed in from "${t.device}" (${t.at}). If it was not you, end that session in the security settings and change your password.`,
        };
      case 'password-changed':
        return {
          subject: 'Your CARD.COOP password was changed',
          text:
            t.by === 'recovery'
              ? 'Access was recovered with the Recovery Kit: a new password and a new kit were set and every session was ended. If this was not you, contact support now.'
              : 'The password of your account was changed. If this was not you, recover access with your Recovery Kit now.',
        };
      case 'recovery-kit-issued':
        return {
          subject: 'A new CARD.COOP Recovery Kit was issued',
          text: 'A new Recovery Kit was issued for your account. The previous one no longer works: destroy it and keep the new one somewhere safe. If this was not you, change your password now.',
        };
      case 'deletion-scheduled':
        return {
          subject: 'Your CARD.COOP account will be deleted',
          text: `The account, its card and every grant will be deleted on ${t.due}. To cancel, sign in on any device and choose "Cancel deletion".`,
        };
      case 'deletion-cancelled':
        return {
          subject: 'CARD.COOP account deletion cancelled',
          text: 'The deletion was cancelled; your account stays.',
        };
      case 'email-changed':
        return {
          subject: 'Your CARD.COOP e-mail address was changed',
          text: `The e-mail address of your account was changed. If this was not you, restore the previous address with this link (valid for 7 days): ${t.revertUrl}`,
        };
      case 'login-locked':
        return {
          subject: 'Signing in to CARD.COOP is paused',
          text: `There were several failed sign-ins with your address, so signing in is paused for ${t.minutes} min. If it was not you, there is nothing to do: nobody learned your password. If you forgot it, recover access with your Recovery Kit.`,
        };
      case 'address-in-use':
        return {
          subject: 'Someone tried to use your address at CARD.COOP',
          text: 'Someone tried to attach this address to another account. It already belongs to your account, so nothing changed.',
        };
      case 'totp-enabled':
        return {
          subject: 'Two-factor authentication is on',
          text: `Signing in to CARD.COOP now needs a code from your authenticator app. Keep your backup codes somewhere safe. If this was not you, undo it with this link (valid for 7 days): ${t.revertUrl} — two-factor authentication will be turned off and every session ended. Then change your password: whoever added their app knows it.`,
        };
      case 'totp-disabled':
        return {
          subject: 'Two-factor authentication is off',
          text: 'Signing in to CARD.COOP no longer needs an app code. If this was not you, change your password now and turn the protection back on.',
        };
    }
  },
};

export function renderMail(template: MailTemplate, locale: Locale): RenderedMail {
  if (template.kind === 'notification' || template.kind === 'notification-digest')
    return renderNoticeMail(template, locale);
  if (template.kind === 'claim-approved' || template.kind === 'claim-rejected')
    return renderClaimMail(template, locale);
  if (template.kind === 'staff-invitation') return renderStaffInvitationMail(template, locale);
  if (template.kind === 'operator-application') return renderApplicationMail(template, locale);
  if (template.kind === 'webhook-disabled') return renderWebhookDisabledMail(template, locale);
  if (template.kind === 'virtual-cards-monthly')
    return renderVirtualCardsMonthlyMail(template, locale);
  return render[locale](template);
}
