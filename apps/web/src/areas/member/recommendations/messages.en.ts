import type { Messages } from '../../../lib/i18n/messages';
import type { ru } from './messages';

export const en: Messages<typeof ru> = {
  title: 'Recommendations',
  hide: 'Hide',
  hideLabel: 'Hide the recommendation: {{text}}',
  hideFailed: 'Could not hide it: {{reason}}',
  card: {
    none: 'Issue your card before joining a cooperative: cooperatives admit members by its data.',
    low: 'Complete your card before joining: it is {{percent}}% filled in.',
    action: 'Complete the card',
    issue: 'Issue the card',
  },
  totp_off: {
    text: 'Turn on two-factor protection: it keeps your account safe even if your password leaks.',
    action: 'Turn on',
  },
  recovery_kit_unconfirmed: {
    text: 'Confirm that you saved your Recovery Kit: without it, a forgotten password means losing your card.',
    action: 'Confirm',
  },
  contribution_due: {
    text: 'A contribution of {{amount}} to “{{coop}}” is due {{due}}.',
    overdue: 'A contribution of {{amount}} to “{{coop}}” is overdue: it was due {{due}}.',
    action: 'Pay',
  },
  meeting_unanswered: {
    text: '“{{coop}}”: the meeting “{{title}}” on {{date}}. Tell them whether you will come.',
    action: 'Answer',
  },
  membership_confirmed: {
    text: '“{{coop}}” confirmed your membership. Its meetings, contributions and balances are now yours to see.',
    action: 'Go to accounts',
  },
};
