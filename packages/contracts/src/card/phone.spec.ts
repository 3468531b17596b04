import { describe, expect, it } from 'vitest';
import { isValidPhone } from './card-formats.js';
import { normalizePhone } from './phone.js';

describe('normalizePhone', () => {
  it.each([
    ['8 916 123-45-67', '+79161234567'],
    ['9161234567', '+79161234567'],
    ['+7 (916) 123-45-67', '+79161234567'],
    ['+79161234567', '+79161234567'],
    ['89161234567', '+79161234567'],
    ['79161234567', '+79161234567'],
    ['7 916 123 45 67', '+79161234567'],
    ['8 (916) 123-45-67', '+79161234567'],
    ['  8-916-123-45-67  ', '+79161234567'],
    ['916 123 45 67', '+79161234567'],
    ['(495) 123-45-67', '+74951234567'],
    ['8 495 123 45 67', '+74951234567'],
    ['+7 999 123-45-67', '+79991234567'],
    ['+7 701 123 4567', '+77011234567'],
    ['+44 20 7183 8750', '+442071838750'],
    ['+1 (415) 555-2671', '+14155552671'],
  ])('reads %j as %s', (input, expected) => expect(normalizePhone(input)).toBe(expected));

  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['20 7183 8750', 'a London number without +44'],
    ['2025550123', 'ten digits that are no Russian number (Washington without +1)'],
    ['14155552671', 'a US number without +'],
    ['442071838750', 'a UK number without +'],
    ['0079161234567', 'an international prefix instead of +'],
    ['810 44 20 7183 8750', 'the Russian international prefix instead of +'],
    ['916123456', 'nine digits'],
    ['891612345678', 'twelve digits'],
    ['59161234567', 'eleven digits not starting with 7 or 8'],
    ['+7 916 123 45 6', '+7 with nine digits'],
    ['+7 916 123 45 678', '+7 with eleven digits'],
    ['+0 916 123 45 67', 'country code 0'],
    ['+', 'a lone +'],
    ['8 916 123-45-67 доб. 12', 'an extension'],
    ['8 916 CALL-NOW', 'letters'],
    ['++79161234567', 'two +'],
    ['+7 916 123-45-67 +', 'a + at the end'],
  ])('refuses %j (%s)', (input) => expect(normalizePhone(input)).toBeUndefined());
});

describe('isValidPhone and normalizePhone agree', () => {
  it.each(['+79161234567', '+74951234567', '+442071838750'])(
    'a normalized number %s is valid as stored',
    (phone) => expect(isValidPhone(normalizePhone(phone) ?? '')).toBe(true),
  );

  it.each(['8 916 123-45-67', '9161234567', '+7 (916) 123-45-67'])(
    'a typed number %j is not valid until normalized',
    (typed) => {
      expect(isValidPhone(typed)).toBe(false);
      expect(isValidPhone(normalizePhone(typed) ?? '')).toBe(true);
    },
  );
});
