// The `member:notifications` part (the notification centre and its settings): Russian, the
// source of its keys.
export const ru = {
  title: 'Уведомления',
  lead: 'Что происходило с вашей картой, доступами и в ваших кооперативах.',
  settingsLink: 'Настройки уведомлений',
  loadFailed: 'Уведомления не загрузились',
  none: 'Уведомлений нет.',
  noneMatching: 'Нет уведомлений, подходящих под фильтр.',
  more: 'Показать ещё',
  unread: 'Непрочитанное',
  markRead: 'Отметить прочитанным',
  markAllRead: 'Отметить все прочитанными',
  markFailed: 'Не удалось отметить: {{reason}}',
  moreFailed: 'Следующие уведомления не загрузились: {{reason}}',
  filters: {
    label: 'Фильтры',
    type: 'Тип',
    anyType: 'Все типы',
    coop: 'Кооператив',
    anyCoop: 'Все кооперативы',
    unreadOnly: 'Только непрочитанные',
  },
  settings: {
    title: 'Настройки уведомлений',
    lead: 'Куда приходят уведомления каждого типа.',
    back: 'Все уведомления',
    type: 'Уведомление',
    in_app: 'В приложении',
    email: 'Эл. почта',
    push: 'Push',
    switchLabel: '{{type}}: {{channel}}',
    locked: 'Уведомления о безопасности всегда включены: они защищают ваш аккаунт.',
    lockedShort: 'Всегда включено',
    mailedAlways: 'Письмо приходит всегда',
    digest: 'Ежедневная сводка',
    digestHint: 'Письма (кроме уведомлений о безопасности) приходят одним письмом в день.',
    saving: 'Сохранение…',
    saved: 'Сохранено',
    saveFailed: 'Не сохранилось: {{reason}}',
    conflict: 'Настройки изменили на другом устройстве — загружены заново. Повторите изменение.',
    loadFailed: 'Настройки не загрузились',
  },
  /** The browser's own push switch on the settings page. */
  push: {
    title: 'Push-уведомления на этом устройстве',
    lead: 'Уведомления приходят в браузер, даже когда CARD.COOP закрыт. Какие именно — выбирает столбец «Push» в таблице ниже.',
    checking: 'Проверяем, что умеет этот браузер…',
    on: 'Включены на этом устройстве.',
    off: 'Выключены на этом устройстве.',
    enable: 'Включить',
    disable: 'Выключить',
    blocked:
      'Браузер запретил уведомления для этого сайта. Разрешите их в настройках сайта (значок слева от адреса → «Уведомления» → «Разрешить») и обновите страницу.',
    dismissed: 'Разрешение не дано. Нажмите «Включить» ещё раз, когда будете готовы.',
    unsupported:
      'Этот браузер не поддерживает push-уведомления. На iPhone и iPad добавьте CARD.COOP на экран «Домой» и откройте оттуда.',
    unavailable: 'Push-уведомления не настроены на этом сервере.',
    failed: 'Не получилось: {{reason}}',
  },
  recent: {
    title: 'Последние уведомления',
    all: 'Все уведомления',
  },
  /** Short names of the types (filters, settings). */
  types: {
    security: {
      new_device: 'Вход с нового устройства',
      password_changed: 'Смена пароля',
      totp_changed: 'Двухфакторная защита',
      email_changed: 'Смена адреса почты',
    },
    account: {
      deletion_scheduled: 'Удаление аккаунта',
    },
    grant: {
      shared: 'Данные переданы',
      read: 'Данные прочитаны',
      revoked: 'Доступ отозван',
    },
    meeting: {
      announced: 'Новое собрание',
      soon: 'Собрание через сутки',
      cancelled: 'Собрание отменено',
    },
    contribution: {
      requested: 'Запрос взноса',
      due_soon: 'Срок взноса через 3 дня',
      confirmed: 'Взнос получен',
    },
    balance: {
      changed: 'Баланс изменился',
    },
    membership: {
      confirmed: 'Членство подтверждено',
    },
    recommendation: {
      totp_off: 'Совет: включить 2FA',
    },
    application: {
      submitted: 'Заявка оператору подана',
      approved: 'Заявка оператору одобрена',
      rejected: 'Заявка оператору отклонена',
      changes_requested: 'Заявку нужно исправить',
    },
    webhook: {
      disabled: 'Вебхук отключён',
    },
    virtual_card: {
      issued: 'Виртуальная карта выпущена',
      topped_up: 'Карта пополнена',
      top_up_failed: 'Пополнение не прошло',
      transaction: 'Операция по карте',
      low_balance: 'Мало денег на карте',
      frozen: 'Карта заморожена',
      unfrozen: 'Карта разморожена',
      revealed: 'Показаны реквизиты карты',
      monthly_report: 'Месячный отчёт по картам',
    },
  },
  /** One notice as a sentence. */
  text: {
    security: {
      new_device: 'Вход в аккаунт с нового устройства: {{device}}.',
      password_changed: 'Пароль изменён.',
      password_changed_recovery: 'Пароль изменён с помощью Recovery Kit.',
      totp_changed_on: 'Двухфакторная защита включена.',
      totp_changed_off: 'Двухфакторная защита выключена.',
      email_changed: 'Адрес электронной почты изменён.',
    },
    account: {
      deletion_scheduled: 'Аккаунт будет удалён {{date}}.',
    },
    grant: {
      shared: 'Вы передали данные карты кооперативу «{{coop}}».',
      read: 'Кооператив «{{coop}}» прочитал данные вашей карты.',
      revoked: 'Доступ кооператива «{{coop}}» к вашей карте отозван.',
    },
    meeting: {
      announced: '«{{coop}}» назначил собрание «{{title}}» на {{date}}.',
      soon: 'Собрание «{{title}}» в «{{coop}}» начнётся {{date}}.',
      cancelled: '«{{coop}}» отменил собрание «{{title}}», назначенное на {{date}}.',
    },
    contribution: {
      requested: '«{{coop}}» выставил взнос {{amount}}.',
      requested_due: '«{{coop}}» выставил взнос {{amount}} со сроком до {{due}}.',
      due_soon: 'Срок взноса {{amount}} в «{{coop}}» — {{due}}.',
      confirmed: '«{{coop}}» подтвердил получение взноса {{amount}}.',
    },
    balance: {
      changed: 'Баланс в «{{coop}}» изменился.',
    },
    membership: {
      confirmed: '«{{coop}}» подтвердил ваше членство (аккаунт {{username}}).',
    },
    recommendation: {
      totp_off:
        'Включите двухфакторную защиту: она сбережёт аккаунт, даже если пароль станет известен.',
    },
    application: {
      submitted: '«{{coop}}» подал заявку оператору на расширенный уровень.',
      approved: 'Оператор одобрил заявку «{{coop}}»: расширенный уровень подключён.',
      rejected: 'Оператор отклонил заявку «{{coop}}».',
      rejected_reason: 'Оператор отклонил заявку «{{coop}}»: {{reason}}',
      changes_requested: 'Оператор просит исправить заявку «{{coop}}».',
      changes_requested_reason: 'Оператор просит исправить заявку «{{coop}}»: {{reason}}',
    },
    webhook: {
      disabled_gone: 'Вебхук «{{coop}}» на {{host}} отключён: адрес ответил 410 Gone.',
      disabled_failing:
        'Вебхук «{{coop}}» на {{host}} отключён: доставки не проходят несколько дней.',
    },
    virtual_card: {
      issued: 'Виртуальная карта •••• {{last4}} в «{{coop}}» выпущена.',
      topped_up: 'Карта •••• {{last4}} пополнена на {{amount}}.',
      top_up_failed: 'Пополнение карты •••• {{last4}} на {{amount}} не прошло: {{reason}}.',
      purchase_approved: 'Покупка {{amount}} по карте •••• {{last4}}{{merchant}}.',
      purchase_declined:
        'Покупка {{amount}} по карте •••• {{last4}}{{merchant}} отклонена: {{reason}}.',
      refund: 'Возврат {{amount}} на карту •••• {{last4}}{{merchant}}.',
      merchant: ' — {{merchant}}',
      low_balance: 'На карте •••• {{last4}} осталось {{balance}}.',
      frozen: 'Карта •••• {{last4}} заморожена: покупки отклоняются.',
      unfrozen: 'Карта •••• {{last4}} разморожена.',
      revealed:
        'Реквизиты карты •••• {{last4}} были показаны. Если это были не вы — заморозьте карту и смените пароль.',
      monthly_report: 'Отчёт «{{coop}}» по виртуальным картам за {{month}} готов.',
    },
  },
  coopUnknown: 'кооператив',
};
