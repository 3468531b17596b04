import type { Language } from '../http.js';

/** Stable codes of card validation issues; the UI may key its own texts by them. */
export const CARD_ISSUE_CODES = [
  // Structure
  'required',
  'unknown_property',
  'invalid_type',
  'too_long',
  'invalid_value',
  'invalid_kind',
  // Formats
  'invalid_inn',
  'invalid_snils',
  'invalid_ogrn',
  'invalid_ogrnip',
  'invalid_kpp',
  'invalid_bik',
  'invalid_account',
  'invalid_passport_series',
  'invalid_passport_number',
  'invalid_subdivision_code',
  'invalid_card_number',
  'invalid_currency',
  'invalid_country',
  'invalid_phone',
  'invalid_email',
  'invalid_date',
  // Rules across fields
  'account_key_mismatch',
  'birthdate_in_future',
  'age_below_minimum',
  'age_above_maximum',
  'date_in_future',
  'issued_before_birthdate',
] as const;

export type CardIssueCode = (typeof CARD_ISSUE_CODES)[number];

/** Values a message may mention. */
export interface MessageParams {
  /** maxLength of a too long value. */
  limit?: number;
  /** The unknown property. */
  property?: string;
  /** The allowed values of an enum. */
  allowed?: readonly unknown[];
  /** The JSON type a value should have. */
  type?: string;
}

type Message = (params: MessageParams) => string;

/**
 * One text per situation. A code can have several (a wrong length and a wrong checksum are both
 * `invalid_inn`, but the member needs to know which one to fix).
 */
const ru = {
  required: () => 'Обязательное поле',
  unknown_property: ({ property }) => `Неизвестное поле «${property ?? ''}»`,
  invalid_type: ({ type }) => `Ожидается ${type === 'object' ? 'объект' : 'строка'}`,
  too_long: ({ limit = 0 }) => `Не длиннее ${limit} ${ruCharacters(limit)}`,
  invalid_value: ({ allowed = [] }) => `Допустимые значения: ${allowed.join(', ')}`,
  invalid_kind: () => 'Вид карты: individual, entrepreneur или organization',
  inn_person_shape: () => 'ИНН физического лица состоит из 12 цифр',
  inn_legal_shape: () => 'ИНН организации состоит из 10 цифр',
  inn_checksum: () => 'Неверный ИНН: контрольная сумма не сходится',
  snils_shape: () => 'СНИЛС состоит из 11 цифр',
  snils_checksum: () => 'Неверный СНИЛС: контрольное число не сходится',
  ogrn_shape: () => 'ОГРН состоит из 13 цифр и начинается с 1 или 5',
  ogrn_checksum: () => 'Неверный ОГРН: контрольная цифра не сходится',
  ogrnip_shape: () => 'ОГРНИП состоит из 15 цифр и начинается с 3',
  ogrnip_checksum: () => 'Неверный ОГРНИП: контрольная цифра не сходится',
  kpp: () => 'КПП состоит из 9 знаков: 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры',
  bik: () => 'БИК состоит из 9 цифр и начинается с 04',
  account: () => 'Номер счёта состоит из 20 цифр',
  passport_series: () => 'Серия паспорта — 4 цифры',
  passport_number: () => 'Номер паспорта — 6 цифр',
  subdivision_code: () => 'Код подразделения — в виде 000-000',
  card_number_shape: () => 'Номер банковской карты — от 13 до 19 цифр',
  card_number_checksum: () => 'Неверный номер карты: контрольная цифра не сходится',
  currency: ({ allowed = [] }) => `Выберите валюту из списка: ${allowed.join(', ')}`,
  country: () => 'Выберите страну из списка',
  phone: () => 'Телефон в международном формате, например +79991234567',
  email: () => 'Неверный адрес электронной почты',
  date: () => 'Дата в виде ГГГГ-ММ-ДД, и такой день должен существовать',
  account_key: () => 'Счёт не соответствует БИК: не сходится контрольный ключ',
  corr_key: () => 'Корреспондентский счёт не соответствует БИК: не сходится контрольный ключ',
  birthdate_in_future: () => 'Дата рождения не может быть в будущем',
  age_below_minimum: () => 'Пайщику должно быть не меньше 14 лет',
  age_above_maximum: () => 'Возраст не может быть больше 120 лет',
  date_in_future: () => 'Дата выдачи не может быть в будущем',
  issued_before_birthdate: () => 'Паспорт не может быть выдан раньше даты рождения',
} satisfies Record<string, Message>;

export type MessageKey = keyof typeof ru;

const en: Record<MessageKey, Message> = {
  required: () => 'This field is required',
  unknown_property: ({ property }) => `Unknown field “${property ?? ''}”`,
  invalid_type: ({ type }) => `Expected ${type === 'object' ? 'an object' : 'a string'}`,
  too_long: ({ limit = 0 }) => `At most ${limit} character${limit === 1 ? '' : 's'}`,
  invalid_value: ({ allowed = [] }) => `Allowed values: ${allowed.join(', ')}`,
  invalid_kind: () => 'The card kind must be individual, entrepreneur or organization',
  inn_person_shape: () => "A person's INN has 12 digits",
  inn_legal_shape: () => "An organization's INN has 10 digits",
  inn_checksum: () => 'Invalid INN: the check digits do not match',
  snils_shape: () => 'A SNILS has 11 digits',
  snils_checksum: () => 'Invalid SNILS: the check number does not match',
  ogrn_shape: () => 'An OGRN has 13 digits and starts with 1 or 5',
  ogrn_checksum: () => 'Invalid OGRN: the check digit does not match',
  ogrnip_shape: () => 'An OGRNIP has 15 digits and starts with 3',
  ogrnip_checksum: () => 'Invalid OGRNIP: the check digit does not match',
  kpp: () => 'A KPP has 9 characters: 4 digits, 2 digits or capital Latin letters, 3 digits',
  bik: () => 'A BIK has 9 digits and starts with 04',
  account: () => 'An account number has 20 digits',
  passport_series: () => 'A passport series is 4 digits',
  passport_number: () => 'A passport number is 6 digits',
  subdivision_code: () => 'A subdivision code looks like 000-000',
  card_number_shape: () => 'A bank card number has 13 to 19 digits',
  card_number_checksum: () => 'Invalid card number: the check digit does not match',
  currency: ({ allowed = [] }) => `Choose the currency from the list: ${allowed.join(', ')}`,
  country: () => 'Choose the country from the list',
  phone: () => 'A phone number in international format, e.g. +79991234567',
  email: () => 'Invalid e-mail address',
  date: () => 'A date as YYYY-MM-DD, and the day must exist',
  account_key: () => 'The account does not match the BIK: the control key is wrong',
  corr_key: () => 'The correspondent account does not match the BIK: the control key is wrong',
  birthdate_in_future: () => 'The date of birth cannot be in the future',
  age_below_minimum: () => 'A member must be at least 14 years old',
  age_above_maximum: () => 'The age cannot be over 120 years',
  date_in_future: () => 'The date of issue cannot be in the future',
  issued_before_birthdate: () => 'A passport cannot be issued before the date of birth',
};

const MESSAGES: Record<Language, Record<MessageKey, Message>> = { ru, en };

/** «не длиннее 21 символа», «не длиннее 100 символов». */
function ruCharacters(n: number): string {
  return n % 10 === 1 && n % 100 !== 11 ? 'символа' : 'символов';
}

/** The text of a situation in a language; Russian for a language the SDK does not know. */
export function cardMessage(
  key: MessageKey,
  language: Language,
  params: MessageParams = {},
): string {
  return (MESSAGES[language] ?? MESSAGES.ru)[key](params);
}
