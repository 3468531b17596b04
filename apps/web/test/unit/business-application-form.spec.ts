import { describe, expect, it } from 'vitest';
import {
  draftOf,
  fieldIssues,
  invalidKey,
  valuesOf,
} from '../../src/areas/business/application/form-fields.js';

describe('business application form: typed values and the server’s issues', () => {
  it('a stored draft is typed back as text, every field present', () => {
    const values = valuesOf({ inn: '7707083893', members_count: 120 });
    expect(values.inn).toBe('7707083893');
    expect(values.members_count).toBe('120');
    expect(values.full_name).toBe('');
    expect(Object.keys(values)).toHaveLength(18);
  });

  it('the draft leaves empty fields out, trims text and reads numbers with spaces', () => {
    const values = valuesOf(undefined);
    values.full_name = '  ПК «Восход» ';
    values.expected_monthly_turnover = '1 500 000';
    values.members_count = '120';
    values.purpose = '   ';
    expect(draftOf(values)).toEqual({
      draft: { full_name: 'ПК «Восход»', expected_monthly_turnover: 1_500_000, members_count: 120 },
      invalid: [],
    });
  });

  it('a number that is not a whole non-negative one is refused before sending', () => {
    const values = valuesOf(undefined);
    values.members_count = '12.5';
    values.expected_monthly_turnover = '-1';
    const { draft, invalid } = draftOf(values);
    expect(invalid).toEqual(['expected_monthly_turnover', 'members_count']);
    expect(draft).toEqual({});
  });

  it('issues name form fields only; each refusal says what the field wants', () => {
    const issues = fieldIssues([
      { path: 'form.inn', code: 'custom', message: 'bad' },
      { path: 'form.members_count', code: 'required', message: 'required' },
      { path: 'documents.charter', code: 'required', message: 'attach' },
      { path: 'form.unknown', code: 'custom', message: 'x' },
      { path: 'expected_revision', code: 'too_small', message: 'x' },
    ]);
    expect([...issues]).toEqual([
      ['inn', 'custom'],
      ['members_count', 'required'],
    ]);
    expect(invalidKey('inn', 'custom')).toBe('application.invalid.inn');
    expect(invalidKey('inn', 'required')).toBe('application.invalid.required');
    expect(invalidKey('members_count')).toBe('application.invalid.number');
    expect(invalidKey('full_name')).toBe('application.invalid.generic');
    expect(fieldIssues(undefined).size).toBe(0);
  });
});
