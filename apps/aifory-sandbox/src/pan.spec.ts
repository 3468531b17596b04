import { describe, expect, it } from 'vitest';
import { expiryFrom, generateCvv, generatePan, luhnCheckDigit, luhnValid } from './pan.js';

describe('aifory sandbox: card numbers', () => {
  it('checks Luhn on known numbers', () => {
    expect(luhnValid('4242424242424242')).toBe(true);
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4242424242424241')).toBe(false);
    expect(luhnValid('42424242 4242424')).toBe(false);
    expect(luhnCheckDigit('424242424242424')).toBe('2');
  });

  it('generates 16-digit BIN-4 PANs that pass Luhn, and 3-digit CVVs', () => {
    const pans = Array.from({ length: 200 }, generatePan);
    for (const pan of pans) {
      expect(pan).toMatch(/^4\d{15}$/);
      expect(luhnValid(pan)).toBe(true);
    }
    expect(new Set(pans).size).toBe(200);
    expect(generateCvv()).toMatch(/^\d{3}$/);
  });

  it('expires three years on, as MM/YY in UTC', () => {
    expect(expiryFrom(new Date('2026-01-31T23:00:00Z'))).toBe('01/29');
    expect(expiryFrom(new Date('2097-12-31T23:59:59Z'))).toBe('12/00');
  });
});
