import type { Locale } from '../../common/i18n/locale.js';

export type MailTemplate =
  | { kind: 'code'; code: string; purpose: 'registration'; minutes: number }
  | { kind: 'someone-tried-to-register' }
  | { kind: 'new-device-login'; device: string; at: string }
  | { kind: 'totp-enabled' }
  | { kind: 'totp-disabled' };

export interface RenderedMail {
  subject: string;
  text: string;
}

const PURPOSE = {
  ru: { registration: 'регистрации' },
  en: { registration: 'registration' },
} as const;

const render: Record<Locale, (template: MailTemplate) => RenderedMail> = {
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
      case 'totp-enabled':
        return {
          subject: 'Двухфакторная аутентификация включена',
          text: 'Для входа в CARD.COOP теперь нужен код из приложения-аутентификатора. Сохраните резервные коды в надёжном месте. Если это были не вы, немедленно смените пароль.',
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
      case 'totp-enabled':
        return {
          subject: 'Two-factor authentication is on',
          text: 'Signing in to CARD.COOP now needs a code from your authenticator app. Keep your backup codes somewhere safe. If this was not you, change your password now.',
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
  return render[locale](template);
}
