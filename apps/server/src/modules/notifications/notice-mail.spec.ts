import { describe, expect, it } from 'vitest';
import { NOTIFICATION_TYPES } from '@cardcoop/contracts';
import type { NotificationType } from '@cardcoop/contracts';
import { renderMail } from '../mail/mail.templates.js';
import type { MailNotice } from './notice-mail.js';

const contribution = {
  contribution_id: 'c-1',
  amount: { amount: 150_000, currency: 'RUB' },
  due_date: '2026-12-31',
};
const virtualCard = { card_id: '0b9a4f36-2d1e-4c5b-8a7f-6e5d4c3b2a19', last4: '4242' };
const usd = { amount: 2_500, currency: 'USD' };
const meeting = { meeting_id: 'm-1', title: 'Общее собрание', starts_at: '2026-12-20T09:00:00Z' };
const DATA: Record<NotificationType, Record<string, unknown>> = {
  'security.new_device': { device: 'Firefox on Linux' },
  'security.password_changed': { by: 'password' },
  'security.totp_changed': { enabled: false },
  'security.email_changed': {},
  'account.deletion_scheduled': { due_at: '2026-12-07T10:00:00Z' },
  'grant.shared': {},
  'grant.read': {},
  'grant.revoked': {},
  'meeting.announced': meeting,
  'meeting.soon': meeting,
  'meeting.cancelled': meeting,
  'contribution.requested': contribution,
  'contribution.due_soon': contribution,
  'contribution.confirmed': contribution,
  'balance.changed': {},
  'membership.confirmed': { username: 'ivanov12345' },
  'recommendation.totp_off': {},
  'application.submitted': {},
  'application.approved': {},
  'application.rejected': { reason: 'Нет устава' },
  'application.changes_requested': { reason: null },
  'webhook.disabled': {
    endpoint_id: '7b1d0a52-6a8e-4c1e-9d1f-2f4a5b6c7d8e',
    host: 'hooks.example.org',
    reason: 'gone',
  },
  'virtual_card.issued': virtualCard,
  'virtual_card.topped_up': { ...virtualCard, amount: usd },
  'virtual_card.top_up_failed': { ...virtualCard, amount: usd, reason: 'not_received' },
  'virtual_card.transaction': {
    ...virtualCard,
    kind: 'purchase',
    status: 'declined',
    amount: usd,
    merchant: 'Coffee Shop',
    decline_reason: 'card_frozen',
  },
  'virtual_card.low_balance': { ...virtualCard, balance: usd },
  'virtual_card.frozen': virtualCard,
  'virtual_card.unfrozen': virtualCard,
  'virtual_card.revealed': virtualCard,
  'virtual_card.monthly_report': { month: '2026-11' },
};
const notice = (type: NotificationType): MailNotice =>
  ({ type, data: DATA[type], display_name: 'ПК Восход' }) as MailNotice;

describe('notification mails', () => {
  it.each(['ru', 'en'] as const)('say what happened for every type (%s)', (locale) => {
    for (const type of NOTIFICATION_TYPES) {
      const { subject, text } = renderMail({ kind: 'notification', notice: notice(type) }, locale);
      expect(subject).toMatch(/^CARD\.COOP: \S/);
      expect(text.startsWith(subject.slice('CARD.COOP: '.length))).toBe(true);
      if (/^(grant|meeting|membership|application|webhook)\./.test(type))
        expect(subject).toContain('ПК Восход');
    }
  });

  it('write amounts from minor units and times with their zone, in the member’s language', () => {
    const ru = renderMail({ kind: 'notification', notice: notice('contribution.requested') }, 'ru');
    expect(ru.subject.replace(/\s/g, ' ')).toContain('1 500,00 ₽');
    const en = renderMail({ kind: 'notification', notice: notice('meeting.soon') }, 'en');
    expect(en.subject).toContain('December 20, 2026');
    expect(en.subject).toContain('UTC');
  });

  it('gather a digest into one mail with one line per notification', () => {
    const notices = [notice('grant.read'), notice('balance.changed')];
    const { subject, text } = renderMail({ kind: 'notification-digest', notices }, 'en');
    expect(subject).toBe("CARD.COOP: today's notifications (2)");
    expect(text.split('\n').filter((line) => line.startsWith('• '))).toHaveLength(2);
  });
});
