import { describe, expect, it } from 'vitest';
import {
  applicationFormDraftSchema,
  applicationQueueQuerySchema,
} from './business-applications.js';

const issues = (form: unknown) => {
  const parsed = applicationFormDraftSchema.safeParse(form);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
};

describe('applicationFormDraftSchema', () => {
  it('takes an empty draft and a valid one', () => {
    expect(issues({})).toEqual([]);
    expect(
      issues({
        inn: '7707083893',
        ogrn: '1027700132195',
        kpp: '773601001',
        bik: '044525225',
        settlement_account: '40702810938000000001',
        phone: '8 (916) 123-45-67',
        email: 'chair@coop.example',
        expected_monthly_turnover: 0,
        members_count: 1,
      }),
    ).toEqual([]);
  });

  it('refuses wrong checksums, a person’s INN, a bad phone, e-mail, numbers and unknown fields', () => {
    expect(
      issues({
        inn: '500100732259',
        ogrn: '1027700132196',
        kpp: '7736',
        bik: '144525225',
        phone: '123',
        email: 'chair@localhost',
        expected_monthly_turnover: -1,
        members_count: 0,
        purpose: '   ',
      }),
    ).toEqual([
      'inn',
      'ogrn',
      'kpp',
      'phone',
      'email',
      'bik',
      'expected_monthly_turnover',
      'members_count',
      'purpose',
    ]);
    expect(issues({ level: 'extended' })).toEqual(['']);
  });

  it('checks the settlement account against the BIK only when both are given', () => {
    expect(issues({ settlement_account: '40702810938000000001' })).toEqual([]);
    expect(issues({ bik: '044525974', settlement_account: '40702810938000000001' })).toEqual([
      'settlement_account',
    ]);
  });
});

describe('applicationQueueQuerySchema', () => {
  it('defaults to submitted and never lists drafts', () => {
    expect(applicationQueueQuerySchema.parse({})).toEqual({ status: 'submitted' });
    expect(applicationQueueQuerySchema.safeParse({ status: 'draft' }).success).toBe(false);
  });
});
