import { describe, expect, it } from 'vitest';
import { formatDate, formatPhone } from '../../src/lib/format.js';

describe('formatDate', () => {
  it.each([
    ['1986-05-12', 'ru', '12 мая 1986 г.'],
    ['1986-05-12', 'en', '12 May 1986'],
    ['1990-04-12', 'ru', '12 апреля 1990 г.'],
    ['2024-02-29', 'ru', '29 февраля 2024 г.'],
    ['2024-02-29', 'en', '29 February 2024'],
    ['2000-01-01', 'en', '1 January 2000'],
    ['1986-05-12', 'de', '12 мая 1986 г.'],
  ])('%s in %s reads %j', (iso, language, expected) =>
    expect(formatDate(iso, language)).toBe(expected),
  );

  it.each(['', '12.05.1986', '1986-5-12', '2023-02-29', '1986-13-01'])(
    'leaves %j as it is',
    (value) => expect(formatDate(value, 'ru')).toBe(value),
  );
});

describe('formatPhone', () => {
  it.each([
    ['+79161234567', '+7 916 123-45-67'],
    ['+74951234567', '+7 495 123-45-67'],
    ['+442071838750', '+44 20 7183 8750'],
    ['+14155552671', '+1 415 555 2671'],
  ])('%s reads %j', (e164, expected) => expect(formatPhone(e164)).toBe(expected));

  it.each(['', '89161234567', '8 916 123-45-67', '+7916', 'not a phone'])(
    'leaves %j as it is',
    (value) => expect(formatPhone(value)).toBe(value),
  );
});
