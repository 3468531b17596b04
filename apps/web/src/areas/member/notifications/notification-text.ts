import type { Notification } from '@cardcoop/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/format';
import { formatMoney } from '../contributions/money';

/** A notice as the member reads it: one sentence, and the screen it belongs to, if any. */
export interface NoticeText {
  text: string;
  to?: string;
}

const ACCESS = '/id/access';
const SECURITY = '/id/security';

/** Words each notice in the page's language from its type and data. */
export function useNoticeText(): (notice: Notification) => NoticeText {
  const { t, i18n } = useTranslation('member', { keyPrefix: 'notifications' });
  const { t: tCards } = useTranslation('member', { keyPrefix: 'virtualCards' });
  return useMemo(() => {
    const language = i18n.language;
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' });
    const when = (iso: string) => dateTime.format(new Date(iso));
    return (notice) => {
      const coop = notice.display_name ?? notice.coopname ?? t('coopUnknown');
      /** A section of the cooperative's business panel (`/business/<coopname>/<section>`). */
      /** A virtual card's page and a stable reason code in words. */
      const cardPage = (cardId: string) => `/member/virtual-cards/${encodeURIComponent(cardId)}`;
      const reason = (code: string) =>
        tCards(`reason.${code}` as 'reason.card_frozen', { defaultValue: code });
      const business = (section: string) =>
        notice.coopname ? `/business/${encodeURIComponent(notice.coopname)}/${section}` : undefined;
      switch (notice.type) {
        case 'security.new_device':
          return { text: t('text.security.new_device', notice.data), to: SECURITY };
        case 'security.password_changed':
          return {
            text:
              notice.data.by === 'recovery'
                ? t('text.security.password_changed_recovery')
                : t('text.security.password_changed'),
            to: SECURITY,
          };
        case 'security.totp_changed':
          return {
            text: notice.data.enabled
              ? t('text.security.totp_changed_on')
              : t('text.security.totp_changed_off'),
            to: SECURITY,
          };
        case 'security.email_changed':
          return { text: t('text.security.email_changed'), to: SECURITY };
        case 'account.deletion_scheduled':
          return {
            text: t('text.account.deletion_scheduled', { date: when(notice.data.due_at) }),
            to: SECURITY,
          };
        case 'grant.shared':
          return { text: t('text.grant.shared', { coop }), to: ACCESS };
        case 'grant.read':
          return { text: t('text.grant.read', { coop }), to: ACCESS };
        case 'grant.revoked':
          return { text: t('text.grant.revoked', { coop }), to: ACCESS };
        case 'meeting.announced':
        case 'meeting.soon':
        case 'meeting.cancelled':
          return {
            text: t(`text.${notice.type}`, {
              coop,
              title: notice.data.title,
              date: when(notice.data.starts_at),
            }),
            to: `/member/meetings/${encodeURIComponent(notice.data.meeting_id)}`,
          };
        case 'contribution.requested':
        case 'contribution.due_soon':
        case 'contribution.confirmed': {
          const { amount, due_date } = notice.data;
          const values = {
            coop,
            amount: formatMoney(amount, language),
            due: due_date ? formatDate(due_date, language) : '',
          };
          const key =
            notice.type === 'contribution.requested' && due_date
              ? 'text.contribution.requested_due'
              : `text.${notice.type}`;
          return {
            text: t(key as 'text.contribution.requested', values),
            to: `/member/contributions/${encodeURIComponent(notice.data.contribution_id)}`,
          };
        }
        case 'balance.changed':
          return { text: t('text.balance.changed', { coop }) };
        case 'membership.confirmed':
          return {
            text: t('text.membership.confirmed', { coop, username: notice.data.username }),
            to: '/id/accounts',
          };
        case 'recommendation.totp_off':
          return { text: t('text.recommendation.totp_off'), to: SECURITY };
        case 'application.submitted':
          return {
            text: t('text.application.submitted', { coop }),
            to: notice.coopname
              ? `/admin/applications/${encodeURIComponent(notice.coopname)}`
              : '/admin/applications',
          };
        case 'application.approved':
          return { text: t('text.application.approved', { coop }), to: business('application') };
        case 'application.rejected':
        case 'application.changes_requested': {
          const { reason } = notice.data;
          const key = reason
            ? (`text.${notice.type}_reason` as const)
            : (`text.${notice.type}` as const);
          return { text: t(key, { coop, reason }), to: business('application') };
        }
        case 'webhook.disabled':
          return {
            text: t(`text.webhook.disabled_${notice.data.reason}`, {
              coop,
              host: notice.data.host,
            }),
            to: business('webhooks'),
          };
        case 'virtual_card.issued':
        case 'virtual_card.frozen':
        case 'virtual_card.unfrozen':
        case 'virtual_card.revealed':
          return {
            text: t(`text.${notice.type}`, { coop, last4: notice.data.last4 }),
            to: cardPage(notice.data.card_id),
          };
        case 'virtual_card.topped_up':
          return {
            text: t('text.virtual_card.topped_up', {
              last4: notice.data.last4,
              amount: formatMoney(notice.data.amount, language),
            }),
            to: cardPage(notice.data.card_id),
          };
        case 'virtual_card.top_up_failed':
          return {
            text: t('text.virtual_card.top_up_failed', {
              last4: notice.data.last4,
              amount: formatMoney(notice.data.amount, language),
              reason: reason(notice.data.reason),
            }),
            to: cardPage(notice.data.card_id),
          };
        case 'virtual_card.transaction': {
          const { data } = notice;
          const key =
            data.kind === 'refund'
              ? 'text.virtual_card.refund'
              : data.status === 'declined'
                ? 'text.virtual_card.purchase_declined'
                : 'text.virtual_card.purchase_approved';
          return {
            text: t(key, {
              last4: data.last4,
              amount: formatMoney(data.amount, language),
              merchant: data.merchant
                ? t('text.virtual_card.merchant', { merchant: data.merchant })
                : '',
              reason: reason(data.decline_reason ?? 'declined'),
            }),
            to: cardPage(data.card_id),
          };
        }
        case 'virtual_card.low_balance':
          return {
            text: t('text.virtual_card.low_balance', {
              last4: notice.data.last4,
              balance: formatMoney(notice.data.balance, language),
            }),
            to: cardPage(notice.data.card_id),
          };
        case 'virtual_card.monthly_report': {
          const [year, month] = notice.data.month.split('-').map(Number);
          const label = new Intl.DateTimeFormat(language, {
            month: 'long',
            year: 'numeric',
            timeZone: 'UTC',
          }).format(new Date(Date.UTC(year!, month! - 1, 1)));
          return {
            text: t('text.virtual_card.monthly_report', { coop, month: label }),
            to: business('virtual-cards'),
          };
        }
      }
    };
  }, [t, tCards, i18n.language]);
}
