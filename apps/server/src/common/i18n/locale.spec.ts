import { describe, expect, it } from 'vitest';
import { localeFrom } from './locale.js';

describe('localeFrom', () => {
  it.each([
    [undefined, 'ru'],
    ['', 'ru'],
    ['en-US,en;q=0.9', 'en'],
    ['de-DE,en;q=0.5,ru;q=0.8', 'ru'],
    ['fr, de', 'ru'],
    ['ru;q=0, en', 'en'],
    ['EN', 'en'],
  ])('%s → %s', (header, expected) => {
    expect(localeFrom(header)).toBe(expected);
  });
});
