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
  RATE_LIMITED: 'Слишком много запросов. Повторите через {retryAfter} с.',
  SERVICE_UNAVAILABLE: 'Сервис временно недоступен. Повторите позже.',
  INTERNAL_ERROR: 'Внутренняя ошибка сервера. Сообщите в поддержку код {errorId}.',
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
  RATE_LIMITED: 'Too many requests. Try again in {retryAfter} s.',
  SERVICE_UNAVAILABLE: 'The service is temporarily unavailable. Try again later.',
  INTERNAL_ERROR: 'Internal server error. Quote code {errorId} to support.',
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
