import { describe, expect, it } from 'vitest';
import { CARD_CURRENCIES, COUNTRY_CODES, isValidCountryCode } from './card-choices.js';
import {
  CARD_FORMATS,
  isValidBankCardNumber,
  isValidDate,
  isValidEmail,
  isValidPhone,
} from './card-formats.js';

describe('phone (E.164)', () => {
  it.each(['+79991234567', '+74951234567', '+77011234567', '+14155552671', '+442071838750'])(
    'accepts %s',
    (phone) => expect(isValidPhone(phone)).toBe(true),
  );

  it.each([
    ['89991234567', 'no +'],
    ['+7999123456', '+7 with 9 digits'],
    ['+799912345678', '+7 with 11 digits'],
    ['+7 999 123-45-67', 'spaces and dashes'],
    ['+0123456789', 'country code 0'],
    ['+123456', 'too short'],
    ['+1234567890123456', 'over 15 digits'],
  ])('refuses %s (%s)', (phone) => expect(isValidPhone(phone)).toBe(false));
});

describe('date', () => {
  it.each(['2024-02-29', '2000-02-29', '1990-04-12', '2023-12-31'])('accepts %s', (date) =>
    expect(isValidDate(date)).toBe(true),
  );

  it.each([
    ['2023-02-29', 'not a leap year'],
    ['1900-02-29', 'century, not a leap year'],
    ['2024-04-31', 'April has 30 days'],
    ['2024-13-01', 'month 13'],
    ['2024-00-10', 'month 0'],
    ['2024-01-00', 'day 0'],
    ['0000-01-01', 'year 0'],
    ['2024-1-01', 'one-digit month'],
    ['01.02.2024', 'Russian notation'],
    ['2024-01-01T00:00:00Z', 'a date-time'],
  ])('refuses %s (%s)', (date) => expect(isValidDate(date)).toBe(false));
});

describe('email', () => {
  it.each(['member@example.coop', 'ivan.petrov+card@mail.ru', 'a@xn--80ak6aa92e.xn--p1ai'])(
    'accepts %s',
    (email) => expect(isValidEmail(email)).toBe(true),
  );

  it.each([
    'member@localhost',
    'member@@example.com',
    'member.@example.com',
    '.member@example.com',
    'member@example..com',
    'member@-example.com',
    'member@example.123',
    'иван@почта.рф',
    'member example@example.com',
    `${'a'.repeat(65)}@example.com`,
    `member@${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`,
  ])('refuses %s', (email) => expect(isValidEmail(email)).toBe(false));
});

describe('bank card number and currency', () => {
  it('checks the Luhn digit of a 13–19 digit card number', () => {
    expect(isValidBankCardNumber('2200000000000004')).toBe(true);
    expect(isValidBankCardNumber('4111111111111111')).toBe(true);
    expect(isValidBankCardNumber('2200000000000005')).toBe(false);
    expect(isValidBankCardNumber('4111 1111 1111 1111')).toBe(false);
    expect(isValidBankCardNumber('000000000000')).toBe(false); // 12 digits
  });

  it('checks ISO 3166-1 alpha-2 country codes against the assigned ones', () => {
    expect(isValidCountryCode('RU')).toBe(true);
    expect(isValidCountryCode('KZ')).toBe(true);
    expect(isValidCountryCode('ru')).toBe(false);
    expect(isValidCountryCode('XX')).toBe(false);
    expect(isValidCountryCode('RUS')).toBe(false);
    expect(isValidCountryCode('Россия')).toBe(false);
  });

  it('lists 249 distinct countries, each with a name, and the rouble first of the currencies', () => {
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    const names = new Intl.DisplayNames(['ru'], { type: 'region' });
    for (const code of COUNTRY_CODES) expect(names.of(code), code).not.toBe(code);
    expect(CARD_CURRENCIES[0]).toBe('RUB');
    expect(new Set(CARD_CURRENCIES).size).toBe(CARD_CURRENCIES.length);
  });
});

it('CARD_FORMATS maps every format name to its function', () => {
  expect(CARD_FORMATS['ru-inn-legal']('7707083893')).toBe(true);
  expect(CARD_FORMATS['ru-inn-person']('7707083893')).toBe(false);
  expect(CARD_FORMATS.date).toBe(isValidDate);
  for (const check of Object.values(CARD_FORMATS)) expect(check('')).toBe(false);
});
