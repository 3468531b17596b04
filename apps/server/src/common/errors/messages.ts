import type { ErrorCode } from '@cardcoop/contracts';
import type { Locale } from '../i18n/locale.js';

type Messages = Record<ErrorCode, string>;

const ru: Messages = {
  VALIDATION_FAILED: 'Данные запроса заполнены неверно.',
  MALFORMED_REQUEST: 'Запрос не удалось разобрать.',
  NOT_FOUND: 'Ничего не найдено по этому адресу.',
  METHOD_NOT_ALLOWED: 'Этот метод здесь не поддерживается.',
  PAYLOAD_TOO_LARGE: 'Запрос слишком большой.',
  UNSUPPORTED_MEDIA_TYPE: 'Такой формат данных не поддерживается.',
  UNAUTHORIZED: 'Нужно войти в систему.',
  FORBIDDEN: 'Недостаточно прав для этого действия.',
  CONFLICT: 'Данные изменились с тех пор, как вы их получили.',
  INVALID_CREDENTIALS: 'Неверный адрес электронной почты или пароль.',
  INVALID_CODE: 'Неверный код. Проверьте письмо и попробуйте ещё раз.',
  CODE_EXPIRED: 'Срок действия кода истёк. Запросите новый код.',
  TOO_MANY_ATTEMPTS: 'Слишком много неудачных попыток. Повторите через {retryAfter} с.',
  MFA_REQUIRED: 'Введите код из приложения-аутентификатора или резервный код.',
  INVALID_MFA_CODE: 'Неверный код подтверждения.',
  LOGIN_EXPIRED: 'Время входа истекло. Начните вход заново.',
  SESSION_REVOKED: 'Сеанс завершён. Войдите снова.',
  TOKEN_EXPIRED: 'Срок действия входа истёк. Войдите снова.',
  INVALID_TOKEN: 'Недействительный токен.',
  PRIVACY_VERSION_OUTDATED: 'Политика конфиденциальности обновилась. Ознакомьтесь с новой версией.',
  INVALID_RECOVERY_KEY: 'Ключ восстановления не подходит. Проверьте набор восстановления.',
  NOT_A_MEMBER: 'Членство в этом кооперативе ещё не подтверждено.',
  ATTENDANCE_CLOSED: 'Отметить участие уже нельзя: регистрация закрыта.',
  RECOMMENDATION_NOT_FOUND: 'Такой рекомендации нет.',
  USERNAME_TAKEN: 'Это имя аккаунта уже занято.',
  UNREGISTERED_CALLBACK:
    'Этот адрес возврата не зарегистрирован кооперативом. Данные туда не будут переданы.',
  ACCOUNT_EXISTS: 'У вас уже есть аккаунт в этом кооперативе.',
  COOPERATIVE_NOT_READY: 'Кооператив ещё не настроил приём данных.',
  INVALID_GRANT: 'Тикет недействителен, просрочен или уже использован.',
  SECURITY_NOTICE_REQUIRED: 'Уведомления безопасности нельзя отключить.',
  // Connecting a cooperative and proving its ownership (issue 14).
  COOPNAME_TAKEN:
    'Этот кооператив уже подключён. Если аккаунт кооператива в блокчейне ваш, докажите владение подписью его ключа.',
  UNVERIFIED_LIMIT:
    'У вас уже 5 неподтверждённых подключений: сначала докажите владение одним из них.',
  CHAIN_NOT_CONFIGURED:
    'Блокчейн не подключён к платформе: попросите администратора платформы подтвердить владение.',
  CHALLENGE_INVALID:
    'Запрос на подпись неизвестен, устарел, уже использован или выдан для другого кооператива или пайщика. Получите новый.',
  PROOF_INVALID: 'Подпись не проходит проверку этим ключом.',
  NOT_ON_CHAIN: 'Такого аккаунта кооператива нет в блокчейне.',
  KEY_NOT_ON_ACCOUNT:
    'Этот ключ не относится к разрешениям active или owner аккаунта кооператива в блокчейне.',
  ALREADY_VERIFIED: 'Владение этим кооперативом уже подтверждено.',
  NOT_VERIFIED:
    'Пока владение кооперативом не подтверждено, подключение работает только с адресами localhost. Докажите владение подписью ключа кооператива или попросите подтверждения у администратора платформы.',
  ACCOUNT_CHANGE_PENDING:
    'Это действие недоступно: недавно изменился адрес почты. Повторите после {until}.',
  REAUTH_REQUIRED: 'Подтверждение пароля устарело. Начните заново и введите пароль ещё раз.',
  STEP_UP_REQUIRED:
    'Подтвердите действие кодом второго фактора: с последнего подтверждения прошло больше 5 минут.',
  RATE_LIMITED: 'Слишком много запросов. Повторите через {retryAfter} с.',
  SERVICE_UNAVAILABLE: 'Сервис временно недоступен. Повторите позже.',
  INTERNAL_ERROR: 'Внутренняя ошибка сервера. Сообщите в поддержку код {errorId}.',
  // Staff of a cooperative (issue 14).
  LAST_OWNER:
    'Это последний владелец кооператива: сначала назначьте владельцем другого сотрудника.',
  INVITATION_INVALID:
    'Приглашение недействительно: оно устарело, уже использовано, отозвано или адресовано другому адресу почты.',
  // Platform administration (issue 14).
  ACCOUNT_LOCKED: 'Учётная запись заблокирована администратором платформы. Обратитесь в поддержку.',
  LAST_PLATFORM_ADMIN: 'Это последний администратор платформы: сначала назначьте другого.',
  // The operator application (extended level, issue 14).
  APPLICATION_NOT_EDITABLE:
    'Заявку сейчас нельзя изменить: она отправлена оператору или по ней уже принято решение.',
  APPLICATION_NOT_SUBMITTED: 'Заявка не ждёт решения: её ещё не отправили или решение уже принято.',
  APPLICATION_INCOMPLETE:
    'Заявка заполнена не полностью: заполните отмеченные поля и приложите устав и выписку из ЕГРЮЛ.',
  DOCUMENT_TYPE_REFUSED:
    'Файл не принят: подходят только PDF, JPEG и PNG, и содержимое файла должно соответствовать его типу.',
  WEBHOOK_LIMIT_REACHED: 'У кооператива уже 5 адресов для вебхуков: удалите ненужный.',
  WEBHOOK_URL_REFUSED: 'На этот адрес вебхуки не отправляются: он ведёт во внутреннюю сеть.',
  // Money (issue 15).
  IDEMPOTENCY_KEY_REUSED:
    'Этот ключ идемпотентности уже использован для другого запроса: для новой операции нужен новый ключ.',
  IDEMPOTENCY_IN_PROGRESS:
    'Запрос с этим ключом ещё выполняется. Повторите через {retryAfter} с, чтобы узнать результат.',
  INSUFFICIENT_FUNDS: 'Недостаточно средств для этой операции.',
  PROVIDER_UNAVAILABLE: 'Платёжный провайдер сейчас не отвечает. Повторите через {retryAfter} с.',
  CARD_ISSUE_NOT_ALLOWED: 'Выпуск виртуальной карты в этом кооперативе сейчас недоступен.',
  VIRTUAL_CARD_CLOSED: 'Виртуальная карта закрыта.',
  TWO_FACTOR_REQUIRED: 'Для этого действия включите двухфакторную аутентификацию.',
  PROVIDER_REFUSED: 'Платёжный провайдер отклонил операцию.',
  TOP_UP_LIMIT: 'Пополнение превышает месячный предел кооператива для одной карты.',
  COOPERATIVE_NOT_EXTENDED:
    'Кооператив не на расширенном уровне: выпуск виртуальных карт включить нельзя.',
};

const en: Messages = {
  VALIDATION_FAILED: 'The request contains invalid data.',
  MALFORMED_REQUEST: 'The request could not be parsed.',
  NOT_FOUND: 'Nothing was found at this address.',
  METHOD_NOT_ALLOWED: 'This method is not supported here.',
  PAYLOAD_TOO_LARGE: 'The request is too large.',
  UNSUPPORTED_MEDIA_TYPE: 'This data format is not supported.',
  UNAUTHORIZED: 'Please sign in.',
  FORBIDDEN: 'You are not allowed to do this.',
  CONFLICT: 'The data has changed since you fetched it.',
  INVALID_CREDENTIALS: 'Wrong e-mail address or password.',
  INVALID_CODE: 'Wrong code. Check the e-mail and try again.',
  CODE_EXPIRED: 'The code has expired. Request a new one.',
  TOO_MANY_ATTEMPTS: 'Too many failed attempts. Try again in {retryAfter} s.',
  MFA_REQUIRED: 'Enter the code from your authenticator app or a backup code.',
  INVALID_MFA_CODE: 'Wrong confirmation code.',
  LOGIN_EXPIRED: 'The sign-in has expired. Start again.',
  SESSION_REVOKED: 'The session has ended. Please sign in again.',
  TOKEN_EXPIRED: 'Your sign-in has expired. Please sign in again.',
  INVALID_TOKEN: 'Invalid token.',
  PRIVACY_VERSION_OUTDATED: 'The privacy policy has changed. Please read the new version.',
  INVALID_RECOVERY_KEY: 'The recovery key does not match. Check your Recovery Kit.',
  NOT_A_MEMBER: 'Your membership in this cooperative is not confirmed yet.',
  ATTENDANCE_CLOSED: 'Attendance can no longer be marked: registration is closed.',
  RECOMMENDATION_NOT_FOUND: 'There is no such recommendation.',
  USERNAME_TAKEN: 'This account name is already taken.',
  UNREGISTERED_CALLBACK:
    'This return address is not registered by the cooperative. No data will be sent there.',
  ACCOUNT_EXISTS: 'You already have an account in this cooperative.',
  COOPERATIVE_NOT_READY: 'This cooperative has not set up receiving data yet.',
  INVALID_GRANT: 'The ticket is invalid, expired or already used.',
  SECURITY_NOTICE_REQUIRED: 'Security notices cannot be switched off.',
  // Connecting a cooperative and proving its ownership (issue 14).
  COOPNAME_TAKEN:
    'This cooperative is already connected. If its chain account is yours, prove ownership with a signature of its key.',
  UNVERIFIED_LIMIT:
    'You already have 5 unverified connections: prove ownership of one of them first.',
  CHAIN_NOT_CONFIGURED:
    'No chain is connected to the platform: ask the platform administrator to approve your ownership.',
  CHALLENGE_INVALID:
    'The challenge is unknown, expired, already used, or was issued for another cooperative or member. Get a new one.',
  PROOF_INVALID: 'The signature does not verify with this key.',
  NOT_ON_CHAIN: "The cooperative's account does not exist on chain.",
  KEY_NOT_ON_ACCOUNT:
    "This key is not a key of the active or owner permission of the cooperative's chain account.",
  ALREADY_VERIFIED: 'Ownership of this cooperative is already proven.',
  NOT_VERIFIED:
    "Until ownership of the cooperative is proven, the integration works only with localhost addresses. Prove ownership with a signature of the cooperative's key or ask the platform administrator to approve it.",
  ACCOUNT_CHANGE_PENDING:
    'Not available: the e-mail address changed recently. Try again after {until}.',
  REAUTH_REQUIRED: 'The password confirmation has expired. Start again and enter your password.',
  STEP_UP_REQUIRED:
    'Confirm this action with your second factor: the last confirmation was more than 5 minutes ago.',
  RATE_LIMITED: 'Too many requests. Try again in {retryAfter} s.',
  SERVICE_UNAVAILABLE: 'The service is temporarily unavailable. Try again later.',
  INTERNAL_ERROR: 'Internal server error. Quote code {errorId} to support.',
  // Staff of a cooperative (issue 14).
  LAST_OWNER: "This is the cooperative's last owner: make another staff member an owner first.",
  INVITATION_INVALID:
    'The invitation is not valid: it has expired, was used or revoked, or was sent to another e-mail address.',
  // Platform administration (issue 14).
  ACCOUNT_LOCKED: 'This account has been locked by a platform administrator. Contact support.',
  LAST_PLATFORM_ADMIN: 'This is the last platform administrator: appoint another one first.',
  // The operator application (extended level, issue 14).
  APPLICATION_NOT_EDITABLE:
    'The application cannot be changed now: it was sent to the operator or has been decided.',
  APPLICATION_NOT_SUBMITTED:
    'The application is not awaiting a decision: it has not been sent yet or was already decided.',
  APPLICATION_INCOMPLETE:
    'The application is incomplete: fill in the fields marked and attach the charter and the EGRUL extract.',
  DOCUMENT_TYPE_REFUSED:
    'The file was refused: only PDF, JPEG and PNG are accepted, and the contents must match the declared type.',
  WEBHOOK_LIMIT_REACHED: 'The cooperative has 5 webhook endpoints already: delete one first.',
  WEBHOOK_URL_REFUSED: 'Webhooks are not sent to this address: it leads into a private network.',
  // Money (issue 15).
  IDEMPOTENCY_KEY_REUSED:
    'This idempotency key was already used for a different request: a new operation needs a new key.',
  IDEMPOTENCY_IN_PROGRESS:
    'A request with this key is still being processed. Try again in {retryAfter} s to get its result.',
  INSUFFICIENT_FUNDS: 'There are not enough funds for this operation.',
  PROVIDER_UNAVAILABLE: 'The payment provider is not answering. Try again in {retryAfter} s.',
  CARD_ISSUE_NOT_ALLOWED: 'A virtual card cannot be issued in this cooperative now.',
  VIRTUAL_CARD_CLOSED: 'The virtual card is closed.',
  TWO_FACTOR_REQUIRED: 'Turn on two-factor authentication for this action.',
  PROVIDER_REFUSED: 'The payment provider refused the operation.',
  TOP_UP_LIMIT: "The top-up exceeds the cooperative's monthly limit for one card.",
  COOPERATIVE_NOT_EXTENDED:
    'The cooperative is not at the extended level: virtual card issuing cannot be turned on.',
};

const catalogue: Record<Locale, Messages> = { ru, en };

/** The message for `code` in `locale`, with `{name}` placeholders filled from `params`. */
export function translate(
  code: ErrorCode,
  locale: Locale,
  params: Record<string, string | number> = {},
): string {
  return catalogue[locale][code].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
