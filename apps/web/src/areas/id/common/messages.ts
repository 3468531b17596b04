import type { Messages } from '../../../lib/i18n/messages';

export const ru = {
  nav: {
    label: 'Разделы id.card.coop',
    card: 'Карта',
    accounts: 'Аккаунты',
    access: 'Доступы',
    security: 'Безопасность',
    logout: 'Выйти',
  },
  progress: {
    working: 'Выполняется…',
    keys: 'Готовим ключи шифрования на этом устройстве…',
  },
  locked: {
    title: 'Карта заблокирована',
    text: 'Ключ шифрования хранится только в памяти этой вкладки и пропадает при перезагрузке страницы. Введите пароль, чтобы открыть карту снова.',
    password: 'Пароль',
    unlock: 'Открыть',
    other: 'Войти под другим адресом',
  },
  errors: {
    title: 'Не получилось',
    NETWORK_ERROR: 'Нет связи с сервером. Проверьте подключение и попробуйте ещё раз.',
    INVALID_CREDENTIALS: 'Неверный адрес почты или пароль.',
    INVALID_CODE: 'Код не подходит. Проверьте его и попробуйте ещё раз.',
    CODE_EXPIRED: 'Срок действия кода истёк. Запросите новый.',
    TOO_MANY_ATTEMPTS: 'Слишком много попыток. Подождите и попробуйте позже.',
    RATE_LIMITED: 'Слишком много запросов. Подождите немного.',
    INVALID_MFA_CODE: 'Код подтверждения не подходит.',
    LOGIN_EXPIRED: 'Вход занял слишком много времени. Начните заново.',
    SESSION_REVOKED: 'Сеанс завершён. Войдите снова.',
    UNAUTHORIZED: 'Войдите, чтобы продолжить.',
    NOT_FOUND: 'Не найдено.',
    CONFLICT: 'Данные изменились на другом устройстве. Обновите страницу.',
    VALIDATION_FAILED: 'Проверьте заполнение полей.',
    NOT_A_MEMBER: 'Членство в этом кооперативе ещё не подтверждено.',
    COOPERATIVE_NOT_READY: 'Кооператив ещё не настроил приём данных.',
    UNREGISTERED_CALLBACK:
      'Этот адрес возврата не зарегистрирован кооперативом. Данные туда не будут переданы.',
    UNTRUSTED_COOPERATIVE_KEY:
      'Ключ кооператива не прошёл проверку. Данные не будут переданы — сообщите кооперативу.',
    DECRYPTION_FAILED: 'Не удалось расшифровать данные этим ключом.',
    SERVER_KEY_MISMATCH: 'Сервер предъявил неизвестный ключ. Вход остановлен.',
    default: 'Что-то пошло не так. Попробуйте ещё раз.',
  },
};

export const en: Messages<typeof ru> = {
  nav: {
    label: 'id.card.coop sections',
    card: 'Card',
    accounts: 'Accounts',
    access: 'Access',
    security: 'Security',
    logout: 'Sign out',
  },
  progress: {
    working: 'Working…',
    keys: 'Preparing encryption keys on this device…',
  },
  locked: {
    title: 'Your card is locked',
    text: 'The encryption key lives only in this tab’s memory and is gone after a reload. Enter your password to open your card again.',
    password: 'Password',
    unlock: 'Unlock',
    other: 'Sign in with another address',
  },
  errors: {
    title: 'That did not work',
    NETWORK_ERROR: 'No connection to the server. Check your connection and try again.',
    INVALID_CREDENTIALS: 'Wrong e-mail address or password.',
    INVALID_CODE: 'The code does not match. Check it and try again.',
    CODE_EXPIRED: 'The code has expired. Request a new one.',
    TOO_MANY_ATTEMPTS: 'Too many attempts. Wait and try again later.',
    RATE_LIMITED: 'Too many requests. Wait a little.',
    INVALID_MFA_CODE: 'The confirmation code does not match.',
    LOGIN_EXPIRED: 'Signing in took too long. Start again.',
    SESSION_REVOKED: 'The session has ended. Sign in again.',
    UNAUTHORIZED: 'Sign in to continue.',
    NOT_FOUND: 'Not found.',
    CONFLICT: 'The data changed on another device. Reload the page.',
    VALIDATION_FAILED: 'Check the fields.',
    NOT_A_MEMBER: 'Your membership in this cooperative is not confirmed yet.',
    COOPERATIVE_NOT_READY: 'This cooperative has not set up receiving data yet.',
    UNREGISTERED_CALLBACK:
      'This return address is not registered by the cooperative. No data will be sent there.',
    UNTRUSTED_COOPERATIVE_KEY:
      'The cooperative’s key failed verification. No data will be sent; tell the cooperative.',
    DECRYPTION_FAILED: 'The data could not be decrypted with this key.',
    SERVER_KEY_MISMATCH: 'The server presented an unknown key. Signing in stopped.',
    default: 'Something went wrong. Try again.',
  },
};
