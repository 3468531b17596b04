import { describe, expect, it } from 'vitest';
import { contributionStatus, dueDateToday } from './contribution-view.js';
import { decideCancel, decideConfirm, decideIssue } from './payment-request-rules.js';
import type { PaymentRequestRow } from './payment-request-rules.js';

const row: PaymentRequestRow = {
  id: '00000000-0000-4000-8000-000000000001',
  coopname: 'voskhod',
  externalId: 'req-1',
  username: 'annapetrovna',
  kind: 'membership_fee',
  amount: 120_000,
  currency: 'RUB',
  dueDate: '2027-01-31',
  purpose: 'Членский взнос',
  status: 'requested',
  paymentId: null,
  paidAt: null,
  createdAt: new Date('2027-01-01T00:00:00Z'),
  updatedAt: new Date('2027-01-01T00:00:00Z'),
};
const input = {
  username: 'annapetrovna',
  kind: 'membership_fee' as const,
  amount: { amount: 120_000, currency: 'RUB' as const },
  due_date: '2027-01-31',
  purpose: 'Членский взнос',
};
const payment = {
  payment_id: 'pay-1',
  paid_at: '2027-01-20T12:00:00+03:00',
  amount: { amount: 120_000, currency: 'RUB' as const },
};
const paid: PaymentRequestRow = {
  ...row,
  status: 'paid',
  paymentId: 'pay-1',
  paidAt: new Date('2027-01-20T09:00:00Z'),
};

describe('payment request rules', () => {
  it('a repeated PUT: same, update while requested, conflict otherwise or for another member', () => {
    expect(decideIssue(row, input)).toBe('same');
    expect(decideIssue(row, { ...input, purpose: 'Другое' })).toBe('update');
    expect(decideIssue(paid, input)).toBe('same');
    expect(decideIssue(paid, { ...input, due_date: '2027-02-28' })).toBe('conflict');
    expect(decideIssue(row, { ...input, username: 'borisivanovz' })).toBe('conflict');
  });

  it('a confirmation is idempotent by payment id and refuses another sum', () => {
    expect(decideConfirm(row, payment)).toBe('confirm');
    expect(decideConfirm(row, { ...payment, amount: { amount: 1, currency: 'RUB' } })).toBe(
      'amount_mismatch',
    );
    expect(decideConfirm(paid, payment)).toBe('same');
    expect(decideConfirm(paid, { ...payment, payment_id: 'pay-2' })).toBe('conflict');
    expect(decideConfirm(paid, { ...payment, paid_at: '2027-01-21T12:00:00+03:00' })).toBe(
      'conflict',
    );
    expect(decideConfirm({ ...row, status: 'cancelled' }, payment)).toBe('conflict');
  });

  it('a cancellation: once, again the same, never of a paid request', () => {
    expect(decideCancel(row)).toBe('cancel');
    expect(decideCancel({ ...row, status: 'cancelled' })).toBe('same');
    expect(decideCancel(paid)).toBe('conflict');
  });

  it('is overdue from the day after the due date in Moscow', () => {
    // 2027-01-31T21:00Z is already 1 February in Moscow.
    expect(dueDateToday(Date.parse('2027-01-31T20:59:59Z'))).toBe('2027-01-31');
    expect(dueDateToday(Date.parse('2027-01-31T21:00:00Z'))).toBe('2027-02-01');
    expect(contributionStatus(row, '2027-01-31')).toBe('requested');
    expect(contributionStatus(row, '2027-02-01')).toBe('overdue');
    expect(contributionStatus(paid, '2027-02-01')).toBe('paid');
  });
});
