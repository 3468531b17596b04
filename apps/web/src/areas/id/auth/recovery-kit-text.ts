import type { Language } from '../../../lib/i18n';

// The printable Recovery Kit is bilingual whatever the page's language, so its text is part of
// the document, not of the UI's translations (which are fetched one language at a time).
const ru = {
  title: 'Ключ восстановления CARD.COOP',
  account: 'Учётная запись',
  created: 'Создан',
  instructions: [
    'Этот ключ — единственный способ вернуть доступ к карте пайщика, если вы забудете пароль.',
    'Храните его на бумаге или в менеджере паролей. Не отправляйте по почте и не показывайте никому: CARD.COOP никогда его не спрашивает.',
    'Чтобы восстановить доступ: откройте id.card.coop → «Забыли пароль?» → «У меня есть ключ восстановления».',
    'После восстановления этот ключ перестанет действовать и вы получите новый.',
  ].join('\n'),
};

export const KIT_TEXT: Record<Language, typeof ru> = {
  ru,
  en: {
    title: 'CARD.COOP recovery key',
    account: 'Account',
    created: 'Created',
    instructions: [
      'This key is the only way back to your member card if you forget your password.',
      'Keep it on paper or in a password manager. Do not e-mail it or show it to anyone: CARD.COOP never asks for it.',
      'To get back in: open id.card.coop → “Forgot your password?” → “I have my recovery key”.',
      'Once used, this key stops working and you get a new one.',
    ].join('\n'),
  },
};
