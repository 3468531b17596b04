import { CARD_SCHEMA_ID } from '@cardcoop/contracts';
import { describe, expect, it } from 'vitest';
import { CardCoopError } from '../errors.js';
import type { Language } from '../http.js';
import { CARD_ISSUE_CODES } from './card-messages.js';
import { assertSchemaMatches, validateCard } from './validate.js';
import type { CardValidationIssue } from './validate.js';
import { validate as compiledValidator } from './validate-card.generated.js';
import { entrepreneur, individual, organization, sberbank } from '../testing/card-fixtures.js';

/** "Today" of every test: 15 June 2025, local time. */
const NOW = new Date(2025, 5, 15, 12);

/** Every optional field an individual may give: INN, SNILS, the place of birth. */
const fullIndividual = {
  ...individual,
  inn: '500100732259',
  snils: '11223344595',
  passport: { ...individual.passport!, birthplace: 'гор. Москва' },
};
const cards = { individual: fullIndividual, entrepreneur, organization };

/** A deep copy of `card` with the value at a dotted path replaced, or removed (`undefined`). */
function edit(card: object, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(card) as Record<string, unknown>;
  const parts = path.split('.');
  let target = copy;
  for (const part of parts.slice(0, -1)) target = target[part] as Record<string, unknown>;
  const last = parts.at(-1)!;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

function errorsOf(data: unknown, language: Language = 'ru'): CardValidationIssue[] {
  const result = validateCard(data, language, { now: NOW });
  return result.valid ? [] : result.errors;
}

function onlyIssue(data: unknown, language: Language = 'ru'): CardValidationIssue {
  const errors = errorsOf(data, language);
  expect(errors).toHaveLength(1);
  return errors[0]!;
}

describe('valid cards', () => {
  it.each(Object.entries(cards))('accepts a complete %s card', (_kind, card) => {
    expect(compiledValidator(card)).toBe(true);
    expect(validateCard(card, 'ru', { now: NOW })).toEqual({ valid: true });
  });

  it('accepts cards without the optional parts', () => {
    const minimal = [
      edit(edit(individual, 'passport', undefined), 'middle_name', undefined),
      edit(edit(entrepreneur, 'bank_account', undefined), 'middle_name', undefined),
      edit(edit(organization, 'bank_account', undefined), 'represented_by.middle_name', undefined),
      edit(organization, 'bank_account.card_number', undefined),
      edit(edit(individual, 'inn', undefined), 'snils', undefined),
      edit(individual, 'passport.birthplace', undefined),
    ];
    for (const card of minimal) expect(errorsOf(card)).toEqual([]);
  });

  it.each(['coop', 'ooo', 'oao', 'zao', 'pao', 'ao'])('accepts organization type %s', (type) => {
    expect(errorsOf(edit(organization, 'type', type))).toEqual([]);
  });

  it('validates against the current date by default', () => {
    expect(validateCard(individual)).toEqual({ valid: true });
    const tomorrow = new Date(Date.now() + 86_400_000);
    const iso = [tomorrow.getFullYear(), tomorrow.getMonth() + 1, tomorrow.getDate()]
      .map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0'))
      .join('-');
    expect(errorsOf(edit(individual, 'passport.issued_at', iso))).toMatchObject([
      { path: 'passport.issued_at', code: 'date_in_future' },
    ]);
  });
});

describe('document formats', () => {
  // [card, path, value, code, Russian message, English message]
  const cases: [keyof typeof cards, string, string, string, string, string][] = [
    [
      'entrepreneur',
      'details.inn',
      '500100732258',
      'invalid_inn',
      'Неверный ИНН: контрольная сумма не сходится',
      'Invalid INN: the check digits do not match',
    ],
    [
      'entrepreneur',
      'details.inn',
      '7707083893',
      'invalid_inn',
      'ИНН физического лица состоит из 12 цифр',
      "A person's INN has 12 digits",
    ],
    [
      'organization',
      'details.inn',
      '7707083894',
      'invalid_inn',
      'Неверный ИНН: контрольная сумма не сходится',
      'Invalid INN: the check digits do not match',
    ],
    [
      'organization',
      'details.inn',
      '500100732259',
      'invalid_inn',
      'ИНН организации состоит из 10 цифр',
      "An organization's INN has 10 digits",
    ],
    [
      'organization',
      'details.ogrn',
      '1027700132196',
      'invalid_ogrn',
      'Неверный ОГРН: контрольная цифра не сходится',
      'Invalid OGRN: the check digit does not match',
    ],
    [
      'organization',
      'details.ogrn',
      '304500116000157',
      'invalid_ogrn',
      'ОГРН состоит из 13 цифр и начинается с 1 или 5',
      'An OGRN has 13 digits and starts with 1 or 5',
    ],
    [
      'entrepreneur',
      'details.ogrn',
      '304500116000158',
      'invalid_ogrnip',
      'Неверный ОГРНИП: контрольная цифра не сходится',
      'Invalid OGRNIP: the check digit does not match',
    ],
    [
      'entrepreneur',
      'details.ogrn',
      '1027700132195',
      'invalid_ogrnip',
      'ОГРНИП состоит из 15 цифр и начинается с 3',
      'An OGRNIP has 15 digits and starts with 3',
    ],
    [
      'organization',
      'details.kpp',
      '77360100',
      'invalid_kpp',
      'КПП состоит из 9 знаков: 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры',
      'A KPP has 9 characters: 4 digits, 2 digits or capital Latin letters, 3 digits',
    ],
    [
      'individual',
      'inn',
      '500100732258',
      'invalid_inn',
      'Неверный ИНН: контрольная сумма не сходится',
      'Invalid INN: the check digits do not match',
    ],
    [
      'individual',
      'inn',
      '7707083893',
      'invalid_inn',
      'ИНН физического лица состоит из 12 цифр',
      "A person's INN has 12 digits",
    ],
    [
      'individual',
      'snils',
      '11223344596',
      'invalid_snils',
      'Неверный СНИЛС: контрольное число не сходится',
      'Invalid SNILS: the check number does not match',
    ],
    [
      'individual',
      'snils',
      '112-233-445 95',
      'invalid_snils',
      'СНИЛС состоит из 11 цифр',
      'A SNILS has 11 digits',
    ],
    [
      'organization',
      'country',
      'Россия',
      'invalid_country',
      'Выберите страну из списка',
      'Choose the country from the list',
    ],
    [
      'organization',
      'bank_account.details.bik',
      '144525225',
      'invalid_bik',
      'БИК состоит из 9 цифр и начинается с 04',
      'A BIK has 9 digits and starts with 04',
    ],
    [
      'entrepreneur',
      'bank_account.account_number',
      '4080281083800000000',
      'invalid_account',
      'Номер счёта состоит из 20 цифр',
      'An account number has 20 digits',
    ],
    [
      'organization',
      'bank_account.details.corr',
      '3010181040000000022X',
      'invalid_account',
      'Номер счёта состоит из 20 цифр',
      'An account number has 20 digits',
    ],
    [
      'organization',
      'bank_account.card_number',
      '2200000000000005',
      'invalid_card_number',
      'Неверный номер карты: контрольная цифра не сходится',
      'Invalid card number: the check digit does not match',
    ],
    [
      'organization',
      'bank_account.currency',
      'RUR',
      'invalid_currency',
      'Выберите валюту из списка: RUB, USD, EUR, CNY, KZT, BYN, AMD, KGS, UZS, TJS, AZN, GEL, TRY, AED, INR, GBP, CHF, JPY, HKD',
      'Choose the currency from the list: RUB, USD, EUR, CNY, KZT, BYN, AMD, KGS, UZS, TJS, AZN, GEL, TRY, AED, INR, GBP, CHF, JPY, HKD',
    ],
    [
      'individual',
      'passport.series',
      '45 09',
      'invalid_passport_series',
      'Серия паспорта — 4 цифры',
      'A passport series is 4 digits',
    ],
    [
      'individual',
      'passport.number',
      '12345',
      'invalid_passport_number',
      'Номер паспорта — 6 цифр',
      'A passport number is 6 digits',
    ],
    [
      'individual',
      'passport.code',
      '772053',
      'invalid_subdivision_code',
      'Код подразделения — в виде 000-000',
      'A subdivision code looks like 000-000',
    ],
    [
      'individual',
      'passport.issued_at',
      '2010-02-30',
      'invalid_date',
      'Дата в виде ГГГГ-ММ-ДД, и такой день должен существовать',
      'A date as YYYY-MM-DD, and the day must exist',
    ],
    [
      'individual',
      'birthdate',
      '12.04.1990',
      'invalid_date',
      'Дата в виде ГГГГ-ММ-ДД, и такой день должен существовать',
      'A date as YYYY-MM-DD, and the day must exist',
    ],
    [
      'individual',
      'phone',
      '89991234567',
      'invalid_phone',
      'Телефон в международном формате, например +79991234567',
      'A phone number in international format, e.g. +79991234567',
    ],
    [
      'organization',
      'phone',
      '+7495123456',
      'invalid_phone',
      'Телефон в международном формате, например +79991234567',
      'A phone number in international format, e.g. +79991234567',
    ],
    [
      'entrepreneur',
      'email',
      'anna@localhost',
      'invalid_email',
      'Неверный адрес электронной почты',
      'Invalid e-mail address',
    ],
  ];

  it.each(cases)('%s %s = %j → %s', (kind, path, value, code, ru, en) => {
    const card = edit(cards[kind], path, value);
    expect(onlyIssue(card, 'ru')).toEqual({ path, code, message: ru });
    expect(onlyIssue(card, 'en')).toEqual({ path, code, message: en });
  });
});

describe('structure', () => {
  it('reports a missing required field at its path', () => {
    expect(onlyIssue(edit(individual, 'first_name', undefined), 'ru')).toEqual({
      path: 'first_name',
      code: 'required',
      message: 'Обязательное поле',
    });
    expect(onlyIssue(edit(organization, 'details.kpp', undefined), 'en')).toEqual({
      path: 'details.kpp',
      code: 'required',
      message: 'This field is required',
    });
    expect(onlyIssue(edit(entrepreneur, 'details', undefined))).toMatchObject({
      path: 'details',
      code: 'required',
    });
    expect(onlyIssue(edit(organization, 'bank_account.details', undefined))).toMatchObject({
      path: 'bank_account.details',
      code: 'required',
    });
  });

  it('treats an empty text as missing, but allows an empty middle name', () => {
    expect(onlyIssue(edit(individual, 'last_name', ''))).toMatchObject({
      path: 'last_name',
      code: 'required',
    });
    expect(errorsOf(edit(individual, 'middle_name', ''))).toEqual([]);
  });

  it('has no bank KPP: the organization gives its own once', () => {
    expect(onlyIssue(edit(organization, 'bank_account.details.kpp', '773601001'))).toMatchObject({
      path: 'bank_account.details.kpp',
      code: 'unknown_property',
    });
  });

  it('refuses unknown properties, at the top and inside', () => {
    expect(onlyIssue({ ...individual, nickname: 'vanya' }, 'ru')).toEqual({
      path: 'nickname',
      code: 'unknown_property',
      message: 'Неизвестное поле «nickname»',
    });
    expect(onlyIssue(edit(individual, 'passport.photo', 'x'), 'en')).toEqual({
      path: 'passport.photo',
      code: 'unknown_property',
      message: 'Unknown field “photo”',
    });
    expect(onlyIssue(edit(organization, 'details.okpo', '12345678'))).toMatchObject({
      path: 'details.okpo',
      code: 'unknown_property',
    });
  });

  it('refuses fields of another kind, without running their rules', () => {
    const withBank = {
      ...individual,
      bank_account: { ...sberbank, account_number: '1'.repeat(20) },
    };
    expect(errorsOf(withBank)).toEqual([
      {
        path: 'bank_account',
        code: 'unknown_property',
        message: 'Неизвестное поле «bank_account»',
      },
    ]);
    const withPassport = {
      ...entrepreneur,
      passport: { ...individual.passport, issued_at: '2999-01-01' },
    };
    expect(errorsOf(withPassport)).toMatchObject([{ path: 'passport', code: 'unknown_property' }]);
  });

  it('bounds the length of texts', () => {
    expect(onlyIssue(edit(individual, 'first_name', 'И'.repeat(101)), 'ru')).toEqual({
      path: 'first_name',
      code: 'too_long',
      message: 'Не длиннее 100 символов',
    });
    expect(onlyIssue(edit(organization, 'represented_by.position', 'x'.repeat(201)), 'en')).toEqual(
      { path: 'represented_by.position', code: 'too_long', message: 'At most 200 characters' },
    );
    expect(errorsOf(edit(individual, 'first_name', 'И'.repeat(100)))).toEqual([]);
  });

  it('reports wrong types', () => {
    expect(onlyIssue(edit(individual, 'first_name', 42), 'ru')).toEqual({
      path: 'first_name',
      code: 'invalid_type',
      message: 'Ожидается строка',
    });
    expect(onlyIssue(edit(entrepreneur, 'details', '500100732259'), 'en')).toEqual({
      path: 'details',
      code: 'invalid_type',
      message: 'Expected an object',
    });
  });

  it('lists the allowed organization types', () => {
    expect(onlyIssue(edit(organization, 'type', 'llc'), 'ru')).toEqual({
      path: 'type',
      code: 'invalid_value',
      message: 'Допустимые значения: coop, ooo, oao, zao, pao, ao',
    });
  });

  it('needs a known kind', () => {
    expect(onlyIssue(edit(individual, 'kind', undefined), 'ru')).toEqual({
      path: 'kind',
      code: 'required',
      message: 'Обязательное поле',
    });
    expect(onlyIssue(edit(individual, 'kind', 'robot'), 'en')).toEqual({
      path: 'kind',
      code: 'invalid_kind',
      message: 'The card kind must be individual, entrepreneur or organization',
    });
    expect(onlyIssue(edit(individual, 'kind', 1))).toMatchObject({
      path: 'kind',
      code: 'invalid_kind',
    });
  });

  it.each([null, [], 'card', 42])('refuses %j as a card', (data) => {
    expect(onlyIssue(data, 'en')).toEqual({
      path: '',
      code: 'invalid_type',
      message: 'Expected an object',
    });
  });

  it('validates a card of one kind against that kind only', () => {
    // Organization fields on an individual card are unknown, not "missing individual fields".
    const mixed = { ...organization, kind: 'individual' };
    const errors = errorsOf(mixed);
    expect(errors.map((e) => e.code)).toContain('unknown_property');
    expect(errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['short_name', 'first_name', 'birthdate']),
    );
  });

  it('reports every invalid field at once, one issue per field', () => {
    let card = edit(organization, 'details.inn', '7707083894');
    card = edit(card, 'details.ogrn', '1027700132196');
    card = edit(card, 'email', undefined);
    card = edit(card, 'bank_account.details.bik', '04452522'); // too short, wrong format
    const errors = errorsOf(card);
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['email', 'required'],
      ['details.inn', 'invalid_inn'],
      ['details.ogrn', 'invalid_ogrn'],
      ['bank_account.details.bik', 'invalid_bik'],
    ]);
  });
});

describe('rules across fields', () => {
  it('checks the settlement account against the BIK', () => {
    const card = edit(organization, 'bank_account.account_number', '40702810038000000001');
    expect(onlyIssue(card, 'ru')).toEqual({
      path: 'bank_account.account_number',
      code: 'account_key_mismatch',
      message: 'Счёт не соответствует БИК: не сходится контрольный ключ',
    });
    expect(onlyIssue(card, 'en')).toEqual({
      path: 'bank_account.account_number',
      code: 'account_key_mismatch',
      message: 'The account does not match the BIK: the control key is wrong',
    });
  });

  it('checks the account and the correspondent account against another bank', () => {
    // Valid account numbers of Sberbank, with the BIK of T-Bank.
    const card = edit(entrepreneur, 'bank_account.details.bik', '044525974');
    expect(errorsOf(card, 'en')).toEqual([
      {
        path: 'bank_account.account_number',
        code: 'account_key_mismatch',
        message: 'The account does not match the BIK: the control key is wrong',
      },
      {
        path: 'bank_account.details.corr',
        code: 'account_key_mismatch',
        message: 'The correspondent account does not match the BIK: the control key is wrong',
      },
    ]);
    const tbank = edit(card, 'bank_account.details.corr', '30101810145250000974');
    expect(errorsOf(edit(tbank, 'bank_account.account_number', '40802810400000000001'))).toEqual(
      [],
    );
  });

  it('checks the correspondent account against the BIK', () => {
    const card = edit(organization, 'bank_account.details.corr', '30101810500000000225');
    expect(onlyIssue(card, 'ru')).toEqual({
      path: 'bank_account.details.corr',
      code: 'account_key_mismatch',
      message: 'Корреспондентский счёт не соответствует БИК: не сходится контрольный ключ',
    });
  });

  it('does not check accounts against a malformed BIK', () => {
    const card = edit(organization, 'bank_account.details.bik', '144525974');
    expect(errorsOf(card).map((e) => e.code)).toEqual(['invalid_bik']);
  });

  it('refuses a birth date in the future', () => {
    for (const card of [individual, entrepreneur]) {
      expect(onlyIssue(edit(card, 'birthdate', '2025-06-16'), 'ru')).toEqual({
        path: 'birthdate',
        code: 'birthdate_in_future',
        message: 'Дата рождения не может быть в будущем',
      });
    }
  });

  it('needs a member between 14 and 120 years old', () => {
    const withoutPassport = edit(individual, 'passport', undefined);
    const born = (date: string) => errorsOf(edit(withoutPassport, 'birthdate', date), 'en');
    expect(born('2011-06-15')).toEqual([]); // 14 today
    expect(born('2011-06-16')).toEqual([
      {
        path: 'birthdate',
        code: 'age_below_minimum',
        message: 'A member must be at least 14 years old',
      },
    ]);
    expect(born('2025-06-15')).toMatchObject([{ code: 'age_below_minimum' }]); // born today
    expect(born('1904-06-16')).toEqual([]); // 120
    expect(born('1904-06-15')).toEqual([
      { path: 'birthdate', code: 'age_above_maximum', message: 'The age cannot be over 120 years' },
    ]);
    expect(
      errorsOf(edit(entrepreneur, 'birthdate', '1900-01-01'), 'ru').map((e) => e.message),
    ).toEqual(['Возраст не может быть больше 120 лет']);
    expect(
      errorsOf(edit(entrepreneur, 'birthdate', '2020-01-01'), 'ru').map((e) => e.message),
    ).toEqual(['Пайщику должно быть не меньше 14 лет']);
  });

  it('counts a 29 February birthday on 1 March', () => {
    const card = edit(individual, 'birthdate', '2008-02-29');
    expect(validateCard(card, 'ru', { now: new Date(2022, 1, 28) })).toMatchObject({
      valid: false,
    });
    expect(validateCard(card, 'ru', { now: new Date(2022, 2, 1) })).toEqual({ valid: true });
  });

  it('checks the passport issue date against today and the birth date', () => {
    expect(onlyIssue(edit(individual, 'passport.issued_at', '2025-06-16'), 'ru')).toEqual({
      path: 'passport.issued_at',
      code: 'date_in_future',
      message: 'Дата выдачи не может быть в будущем',
    });
    expect(onlyIssue(edit(individual, 'passport.issued_at', '1990-04-11'), 'en')).toEqual({
      path: 'passport.issued_at',
      code: 'issued_before_birthdate',
      message: 'A passport cannot be issued before the date of birth',
    });
    expect(errorsOf(edit(individual, 'passport.issued_at', '2025-06-15'))).toEqual([]);
  });
});

describe('messages', () => {
  it('gives the same paths and codes in both languages, with different texts', () => {
    let card = edit(individual, 'phone', '123');
    card = edit(card, 'email', 'x');
    card = edit(card, 'passport.code', '1');
    card = edit(card, 'birthdate', '2030-01-01');
    card = edit(card, 'extra', true);
    const ru = errorsOf(card, 'ru');
    const en = errorsOf(card, 'en');
    expect(ru).toHaveLength(5);
    expect(en.map((e) => [e.path, e.code])).toEqual(ru.map((e) => [e.path, e.code]));
    ru.forEach((issue, i) => {
      expect(issue.message).not.toBe(en[i]!.message);
      expect(issue.message).toMatch(/[а-яё]/i);
      expect(en[i]!.message).not.toMatch(/[а-яё]/i);
    });
    for (const issue of [...ru, ...en]) expect(CARD_ISSUE_CODES).toContain(issue.code);
  });

  it('answers in Russian by default', () => {
    const result = validateCard(edit(individual, 'email', undefined));
    expect(result).toEqual({
      valid: false,
      errors: [{ path: 'email', code: 'required', message: 'Обязательное поле' }],
    });
  });

  it('names the limit of a too long text, and prefers a format message to a length', () => {
    expect(onlyIssue(edit(individual, 'full_address', 'д'.repeat(501))).message).toBe(
      'Не длиннее 500 символов',
    );
    const long = `${'a'.repeat(250)}@example.com`;
    expect(onlyIssue(edit(individual, 'email', long)).code).toBe('invalid_email');
  });
});

describe('assertSchemaMatches', () => {
  it("accepts the bundled schema's $id", () => {
    expect(() => assertSchemaMatches(CARD_SCHEMA_ID)).not.toThrow();
  });

  it('throws SCHEMA_MISMATCH for another schema', () => {
    let error: unknown;
    try {
      assertSchemaMatches('https://card.coop/schemas/card/v9.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CardCoopError);
    expect(error).toMatchObject({ code: 'SCHEMA_MISMATCH', status: 0 });
    expect((error as Error).message).toContain('v9.json');
  });
});
