import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/areas/member/contributions/money.js';

// Spaces in grouped numbers are no-break spaces in either language; compared as plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney: integer minor units as money, exactly', () => {
  it.each([
    [{ amount: 120_050, currency: 'RUB' }, 'ru', '1 200,50 ₽'],
    [{ amount: 150, currency: 'RUB' }, 'ru', '1,50 ₽'],
    [{ amount: 5, currency: 'RUB' }, 'ru', '0,05 ₽'],
    [{ amount: 0, currency: 'RUB' }, 'ru', '0,00 ₽'],
    [{ amount: 120_050, currency: 'RUB' }, 'en', 'RUB 1,200.50'],
    [{ amount: 1_999, currency: 'USD' }, 'en', 'US$19.99'],
    // No float rounding at the top of the safe range.
    [{ amount: Number.MAX_SAFE_INTEGER, currency: 'RUB' }, 'ru', '90 071 992 547 409,91 ₽'],
    // A currency without minor units (the yen) is shown whole.
    [{ amount: 1_500, currency: 'JPY' }, 'en', 'JP¥1,500'],
  ])('%o in %s → %s', (money, language, expected) => {
    expect(plain(formatMoney(money, language))).toBe(expected);
  });
});
