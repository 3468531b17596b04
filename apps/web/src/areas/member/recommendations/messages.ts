// The `member:recommendations` part (the suggestions at the top of the home): Russian, the
// source of its keys.
export const ru = {
  title: 'Рекомендации',
  hide: 'Скрыть',
  hideLabel: 'Скрыть рекомендацию: {{text}}',
  hideFailed: 'Не удалось скрыть: {{reason}}',
  card: {
    none: 'Выпустите карту перед вступлением в кооператив: кооперативы принимают по её данным.',
    low: 'Заполните карту перед вступлением: сейчас заполнено {{percent}}%.',
    action: 'Заполнить карту',
    issue: 'Выпустить карту',
  },
  totp_off: {
    text: 'Включите двухфакторную защиту: она сбережёт аккаунт, даже если пароль узнают.',
    action: 'Включить',
  },
  recovery_kit_unconfirmed: {
    text: 'Подтвердите, что набор восстановления сохранён: без него забытый пароль означает потерю карты.',
    action: 'Подтвердить',
  },
  contribution_due: {
    text: 'Взнос {{amount}} в «{{coop}}» — срок {{due}}.',
    overdue: 'Взнос {{amount}} в «{{coop}}» просрочен: срок был {{due}}.',
    action: 'Оплатить',
  },
  meeting_unanswered: {
    text: '«{{coop}}»: собрание «{{title}}» {{date}}. Отметьте, придёте ли.',
    action: 'Ответить',
  },
  membership_confirmed: {
    text: '«{{coop}}» подтвердил ваше членство. Теперь вам видны его собрания, взносы и балансы.',
    action: 'К аккаунтам',
  },
};
