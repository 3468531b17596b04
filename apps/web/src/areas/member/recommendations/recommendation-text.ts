import type { Recommendation } from '@cardcoop/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/format';
import { formatMoney } from '../contributions/money';

/** One suggestion as the member reads it: a sentence and what to do about it. */
export interface SuggestionView {
  id: string;
  text: string;
  action: { to: string; label: string };
}

/** Below this share of its fields filled in, the card is suggested before joining. */
export const CARD_LOW_PERCENT = 80;

/** Words the server's suggestions and the card's own rule in the page's language. */
export function useSuggestionText() {
  const { t, i18n } = useTranslation('member', { keyPrefix: 'recommendations' });
  return useMemo(() => {
    const language = i18n.language;
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' });
    const server = (item: Recommendation): SuggestionView => {
      const action = (label: string) => ({ to: item.action_url, label });
      switch (item.kind) {
        case 'totp_off':
        case 'recovery_kit_unconfirmed':
          return {
            id: item.id,
            text: t(`${item.kind}.text`),
            action: action(t(`${item.kind}.action`)),
          };
        case 'contribution_due': {
          const values = {
            coop: item.data.display_name,
            amount: formatMoney(item.data.amount, language),
            due: formatDate(item.data.due_date, language),
          };
          return {
            id: item.id,
            text: item.data.overdue
              ? t('contribution_due.overdue', values)
              : t('contribution_due.text', values),
            action: action(t('contribution_due.action')),
          };
        }
        case 'meeting_unanswered':
          return {
            id: item.id,
            text: t('meeting_unanswered.text', {
              coop: item.data.display_name,
              title: item.data.title,
              date: dateTime.format(new Date(item.data.starts_at)),
            }),
            action: action(t('meeting_unanswered.action')),
          };
        case 'membership_confirmed':
          return {
            id: item.id,
            text: t('membership_confirmed.text', { coop: item.data.display_name }),
            action: action(t('membership_confirmed.action')),
          };
      }
    };
    /** "Complete the card before joining" for a card filled in `percent` (null: no card). */
    const card = (percent: number | null): SuggestionView => ({
      id: 'card-incomplete',
      text: percent === null ? t('card.none') : t('card.low', { percent }),
      action: { to: '/id/card', label: percent === null ? t('card.issue') : t('card.action') },
    });
    return { server, card };
  }, [t, i18n.language]);
}
