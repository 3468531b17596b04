import { ERROR_CODES } from '@cardcoop/contracts';
import { describe, expect, it } from 'vitest';
import { translate } from './messages.js';

describe('translate', () => {
  it('has a Russian and an English message for every error code, and they differ', () => {
    for (const code of ERROR_CODES) {
      const ru = translate(code, 'ru');
      const en = translate(code, 'en');
      expect(ru).toMatch(/[а-яё]/i);
      expect(en).not.toMatch(/[а-яё]/i);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('RATE_LIMITED', 'en', { retryAfter: 12 })).toBe(
      'Too many requests. Try again in 12 s.',
    );
    expect(translate('RATE_LIMITED', 'ru')).toContain('{retryAfter}');
  });
});
