import type { Messages } from '../../../lib/i18n/messages';

export const ru = {
  title: 'Безопасность',
  intro:
    'Где выполнен вход, что происходило с учётной записью, двухфакторная защита, пароль, адрес почты и удаление учётной записи.',
  loading: 'Загружаем…',
  retry: 'Попробовать ещё раз',
  copied: 'Скопировано',
  confirm: {
    close: 'Закрыть',
    cancel: 'Отмена',
  },
  sessions: {
    title: 'Сеансы и устройства',
    description:
      'Устройства и браузеры, где выполнен вход. Если какое-то вам незнакомо, завершите его сеанс и смените пароль.',
    unknownDevice: 'Неизвестное устройство',
    thisDevice: 'Это устройство',
    signedIn: 'Вход: {{date}}',
    lastUsed: 'Последняя активность: {{date}}',
    end: 'Завершить',
    endNamed: 'Завершить сеанс: {{device}}',
    endOthers: 'Завершить все остальные',
    onlyThis: 'Других сеансов нет: вход выполнен только здесь.',
    confirmTitle: 'Завершить сеанс?',
    confirmText: 'Вход на устройстве «{{device}}» будет завершён: там придётся войти заново.',
    confirmCurrentText:
      'Это текущий сеанс: вы выйдете здесь, и для продолжения нужно будет войти заново.',
    confirmOthersTitle: 'Завершить все остальные сеансы?',
    confirmOthersText:
      'На всех других устройствах и в других браузерах придётся войти заново. Здесь вы останетесь в системе.',
  },
  history: {
    title: 'История входов и событий',
    description:
      'Входы, изменения настроек безопасности и обращения кооперативов к переданным им данным — последние 100 событий.',
    empty: 'Событий пока нет.',
    showMore: 'Показать ещё (осталось {{number}})',
    attention: 'Внимание',
    events: {
      account: {
        registered: 'Учётная запись создана',
        added: 'Открыт аккаунт {{username}} в кооперативе {{coopname}}',
      },
      login: {
        succeeded: 'Вход в учётную запись',
        failed: 'Неудачная попытка входа: неверный пароль',
      },
      session: {
        revoked: 'Сеанс завершён',
        revoked_others: 'Завершены все остальные сеансы',
        refresh_reuse: 'Сеанс завершён: его ключ был использован повторно — возможно, его похитили',
      },
      password: {
        changed: 'Пароль изменён',
      },
      recovery: {
        completed: 'Доступ восстановлен с ключом восстановления',
        wrong_key: 'Неудачная попытка восстановления: неверный ключ',
      },
      totp: {
        enabled: 'Двухфакторная защита включена',
        disabled: 'Двухфакторная защита выключена',
        backup_codes_regenerated: 'Созданы новые резервные коды',
        backup_code_used: 'Использован резервный код',
        locked: 'Ввод кодов подтверждения заблокирован после нескольких ошибок',
      },
      email: {
        changed: 'Адрес почты изменён',
        reverted: 'Изменение адреса почты отменено по ссылке из письма',
      },
      deletion: {
        scheduled: 'Запланировано удаление учётной записи',
        cancelled: 'Удаление учётной записи отменено',
      },
      card: {
        issued: 'Карта пайщика выпущена',
        updated: 'Карта пайщика изменена',
      },
      grant: {
        shared: 'Данные карты переданы кооперативу {{coopname}}',
        ticket_exchanged: 'Кооператив {{coopname}} получил доступ к переданным данным',
        read: 'Кооператив {{coopname}} прочитал переданные ему данные',
        revoked: 'Доступ кооператива {{coopname}} отозван',
      },
    },
    details: {
      mfa: 'С кодом подтверждения',
      locked: 'После нескольких ошибок вход временно заблокирован',
      sessionsEnded: 'Завершено сеансов: {{number}}',
      due: 'Дата удаления: {{date}}',
    },
  },
  factor: {
    label: 'Код подтверждения',
    description: 'Шесть цифр из приложения-аутентификатора или один из резервных кодов.',
    appLabel: 'Код из приложения',
    appDescription: 'Шесть цифр, которые сейчас показывает приложение.',
    invalid: 'Введите шесть цифр из приложения или резервный код вида xxxx-xxxx.',
    invalidApp: 'Код — это шесть цифр из приложения.',
  },
  totp: {
    title: 'Двухфакторная защита',
    description:
      'Кроме пароля, при входе нужен код из приложения-аутентификатора на телефоне (например, Google Authenticator, Яндекс Ключ, Aegis).',
    state: 'Сейчас:',
    on: 'включена',
    off: 'выключена',
    offText: 'Включите её: тогда одного пароля для входа будет мало, даже если его кто-то узнает.',
    start: 'Настроить',
    setupTitle: 'Подключите приложение',
    scan: 'Отсканируйте QR-код приложением-аутентификатором, затем введите код, который оно покажет.',
    qrAlt: 'QR-код для подключения приложения-аутентификатора к CARD.COOP',
    manual: 'Не получается отсканировать? Введите в приложении этот ключ:',
    copySecret: 'Скопировать ключ',
    enable: 'Включить',
    codesLeft: 'Неиспользованных резервных кодов: {{number}}',
    regenerate: 'Новые резервные коды',
    regenerateTitle: 'Новые резервные коды',
    regenerateText:
      'Введите код из приложения или резервный код. Прежние резервные коды перестанут действовать.',
    disable: 'Выключить',
    disableTitle: 'Выключить двухфакторную защиту',
    disableText:
      'Введите код из приложения или резервный код. После этого для входа будет достаточно пароля.',
  },
  codes: {
    title: 'Резервные коды',
    once: 'Коды показываются только сейчас. Сохраните их: без телефона войти можно будет только с ними.',
    usage: 'Каждый код действует один раз — вместо кода из приложения.',
    copy: 'Скопировать коды',
    download: 'Скачать файлом',
    done: 'Я сохранил(а) коды',
    fileHeader: 'CARD.COOP — резервные коды двухфакторной защиты. Каждый код действует один раз.',
  },
  password: {
    title: 'Пароль',
    description:
      'Карта и ключ восстановления не меняются: новый пароль открывает тот же ключ шифрования.',
    current: 'Текущий пароль',
    currentRequired: 'Введите текущий пароль.',
    same: 'Новый пароль совпадает с текущим.',
    endOthers: 'Завершить сеансы на других устройствах',
    endOthersHint: 'Если пароль мог узнать кто-то ещё, оставьте отмеченным.',
    changed: 'Пароль изменён. Завершено других сеансов: {{number}}.',
    submit: 'Сменить пароль',
    progress: {
      checking: 'Проверяем текущий пароль на этом устройстве…',
      keys: 'Готовим ключи для нового пароля на этом устройстве…',
    },
  },
  email: {
    title: 'Адрес почты',
    description:
      'На новый адрес придёт код подтверждения. На прежний — ссылка, по которой изменение можно отменить в течение 7 дней.',
    newAddress: 'Новый адрес почты',
    checking: 'Проверяем пароль на этом устройстве…',
    sendCode: 'Получить код',
    codeTitle: 'Подтвердите новый адрес',
    codeSent: 'Шесть цифр из письма, отправленного на {{email}}.',
    confirm: 'Подтвердить',
    otherAddress: 'Указать другой адрес',
    changed:
      'Адрес почты изменён на {{email}}. На прежний адрес отправлено письмо: по ссылке из него изменение можно отменить в течение 7 дней.',
    again: 'Изменить ещё раз',
  },
  deletion: {
    title: 'Удаление учётной записи',
    wait: 'Удаление подтверждается кодом из письма и происходит через 72 часа.',
    gone: 'До этого его можно отменить здесь — с любого устройства, где выполнен вход.',
    fresh:
      'После удаления карта, аккаунты в кооперативах и выданные кооперативам доступы удаляются безвозвратно. Новая учётная запись на этот адрес ничего не унаследует.',
    start: 'Удалить учётную запись…',
    emailTitle: 'Адрес учётной записи',
    emailText: 'Укажите адрес почты этой учётной записи: на него придёт код подтверждения.',
    sendCode: 'Получить код',
    pendingTitle: 'Учётная запись будет удалена',
    pending:
      'Удаление запланировано на {{date}}. До этого момента его можно отменить — здесь или на любом другом устройстве, где выполнен вход.',
    cancel: 'Отменить удаление',
    cancelled: 'Удаление отменено. Учётная запись остаётся.',
  },
  revert: {
    title: 'Отмена смены адреса почты',
    text: 'Адрес почты этой учётной записи недавно изменили. Если это сделали не вы, верните прежний адрес: все сеансы будут завершены, а войти снова можно будет с прежним адресом. Затем смените пароль.',
    submit: 'Вернуть прежний адрес',
    done: 'Прежний адрес возвращён, все сеансы завершены. Войдите снова и смените пароль.',
    toLogin: 'Войти',
  },
  errors: {
    MFA_REQUIRED: 'Включена двухфакторная защита: введите код подтверждения.',
    INVALID_TOKEN: 'Ссылка не действует: она уже использована или устарела.',
  },
};

export const en: Messages<typeof ru> = {
  title: 'Security',
  intro:
    'Where you are signed in, what happened to your account, two-factor authentication, password, e-mail address and deleting the account.',
  loading: 'Loading…',
  retry: 'Try again',
  copied: 'Copied',
  confirm: {
    close: 'Close',
    cancel: 'Cancel',
  },
  sessions: {
    title: 'Sessions and devices',
    description:
      'Devices and browsers where you are signed in. If you do not recognise one, end its session and change your password.',
    unknownDevice: 'Unknown device',
    thisDevice: 'This device',
    signedIn: 'Signed in: {{date}}',
    lastUsed: 'Last active: {{date}}',
    end: 'End',
    endNamed: 'End session: {{device}}',
    endOthers: 'End all other sessions',
    onlyThis: 'No other sessions: you are signed in here only.',
    confirmTitle: 'End this session?',
    confirmText: '“{{device}}” will be signed out and will have to sign in again.',
    confirmCurrentText:
      'This is the current session: you will be signed out here and have to sign in again to go on.',
    confirmOthersTitle: 'End all other sessions?',
    confirmOthersText:
      'Every other device and browser will have to sign in again. You stay signed in here.',
  },
  history: {
    title: 'Sign-ins and events',
    description:
      'Sign-ins, security changes and cooperatives reading the data you shared with them: the last 100 events.',
    empty: 'No events yet.',
    showMore: 'Show more ({{number}} left)',
    attention: 'Attention',
    events: {
      account: {
        registered: 'Account created',
        added: 'Account {{username}} opened in cooperative {{coopname}}',
      },
      login: {
        succeeded: 'Signed in',
        failed: 'Failed sign-in: wrong password',
      },
      session: {
        revoked: 'Session ended',
        revoked_others: 'All other sessions ended',
        refresh_reuse: 'Session ended: its key was used twice, it may have been stolen',
      },
      password: {
        changed: 'Password changed',
      },
      recovery: {
        completed: 'Access recovered with the recovery key',
        wrong_key: 'Failed recovery: wrong key',
      },
      totp: {
        enabled: 'Two-factor authentication turned on',
        disabled: 'Two-factor authentication turned off',
        backup_codes_regenerated: 'New backup codes created',
        backup_code_used: 'A backup code was used',
        locked: 'Confirmation codes locked after several mistakes',
      },
      email: {
        changed: 'E-mail address changed',
        reverted: 'E-mail address change reverted from the e-mailed link',
      },
      deletion: {
        scheduled: 'Account deletion scheduled',
        cancelled: 'Account deletion cancelled',
      },
      card: {
        issued: 'Member card issued',
        updated: 'Member card changed',
      },
      grant: {
        shared: 'Card data shared with cooperative {{coopname}}',
        ticket_exchanged: 'Cooperative {{coopname}} got access to the shared data',
        read: 'Cooperative {{coopname}} read the data shared with it',
        revoked: 'Access of cooperative {{coopname}} revoked',
      },
    },
    details: {
      mfa: 'With a confirmation code',
      locked: 'Signing in is locked for a while after several mistakes',
      sessionsEnded: 'Sessions ended: {{number}}',
      due: 'Deletion date: {{date}}',
    },
  },
  factor: {
    label: 'Confirmation code',
    description: 'Six digits from your authenticator app, or one of your backup codes.',
    appLabel: 'Code from the app',
    appDescription: 'The six digits the app shows now.',
    invalid: 'Enter six digits from the app or a backup code like xxxx-xxxx.',
    invalidApp: 'The code is the six digits from the app.',
  },
  totp: {
    title: 'Two-factor authentication',
    description:
      'Besides the password, signing in takes a code from an authenticator app on your phone (Google Authenticator, Yandex Key, Aegis, for example).',
    state: 'Now:',
    on: 'on',
    off: 'off',
    offText: 'Turn it on: then the password alone will not let anyone in, even if they learn it.',
    start: 'Set it up',
    setupTitle: 'Connect your app',
    scan: 'Scan the QR code with your authenticator app, then enter the code it shows.',
    qrAlt: 'QR code that connects an authenticator app to CARD.COOP',
    manual: 'Cannot scan it? Enter this key in the app:',
    copySecret: 'Copy the key',
    enable: 'Turn on',
    codesLeft: 'Unused backup codes: {{number}}',
    regenerate: 'New backup codes',
    regenerateTitle: 'New backup codes',
    regenerateText:
      'Enter a code from the app or a backup code. The previous backup codes will stop working.',
    disable: 'Turn off',
    disableTitle: 'Turn off two-factor authentication',
    disableText:
      'Enter a code from the app or a backup code. After that, the password alone signs you in.',
  },
  codes: {
    title: 'Backup codes',
    once: 'The codes are shown only now. Save them: without your phone, they are the only way to sign in.',
    usage: 'Each code works once, instead of a code from the app.',
    copy: 'Copy the codes',
    download: 'Download as a file',
    done: 'I have saved the codes',
    fileHeader: 'CARD.COOP two-factor backup codes. Each code works once.',
  },
  password: {
    title: 'Password',
    description:
      'Your card and recovery key stay as they are: the new password opens the same encryption key.',
    current: 'Current password',
    currentRequired: 'Enter your current password.',
    same: 'The new password is the same as the current one.',
    endOthers: 'End the sessions on other devices',
    endOthersHint: 'If someone else may know the password, keep this checked.',
    changed: 'Password changed. Other sessions ended: {{number}}.',
    submit: 'Change password',
    progress: {
      checking: 'Checking the current password on this device…',
      keys: 'Preparing keys for the new password on this device…',
    },
  },
  email: {
    title: 'E-mail address',
    description:
      'The new address gets a confirmation code; the old one gets a link that reverts the change for 7 days.',
    newAddress: 'New e-mail address',
    checking: 'Checking the password on this device…',
    sendCode: 'Get a code',
    codeTitle: 'Confirm the new address',
    codeSent: 'Six digits from the e-mail sent to {{email}}.',
    confirm: 'Confirm',
    otherAddress: 'Use another address',
    changed:
      'Your e-mail address is now {{email}}. The old address got an e-mail with a link that reverts the change for 7 days.',
    again: 'Change it again',
  },
  deletion: {
    title: 'Deleting the account',
    wait: 'A code from an e-mail confirms the deletion, and it happens 72 hours later.',
    gone: 'Until then it can be cancelled here, from any device where you are signed in.',
    fresh:
      'Then the card, the cooperative accounts and the access given to cooperatives are deleted for good. A new account for this address inherits nothing.',
    start: 'Delete the account…',
    emailTitle: 'The account’s address',
    emailText: 'Enter this account’s e-mail address: the confirmation code goes there.',
    sendCode: 'Get a code',
    pendingTitle: 'The account will be deleted',
    pending:
      'The deletion is scheduled for {{date}}. Until then it can be cancelled, here or on any other device where you are signed in.',
    cancel: 'Cancel the deletion',
    cancelled: 'Deletion cancelled. The account stays.',
  },
  revert: {
    title: 'Undo the e-mail address change',
    text: 'This account’s e-mail address was changed recently. If it was not you, take the old address back: every session will end, and signing in works with the old address again. Then change your password.',
    submit: 'Take the old address back',
    done: 'The old address is back and every session has ended. Sign in again and change your password.',
    toLogin: 'Sign in',
  },
  errors: {
    MFA_REQUIRED: 'Two-factor authentication is on: enter a confirmation code.',
    INVALID_TOKEN: 'The link does not work: it has been used or has expired.',
  },
};
