import type { Messages } from '../../lib/i18n/messages';
import type { ru } from './messages';
import { en as activity } from './activity/messages.en';
import { en as contributions } from './contributions/messages.en';
import { en as virtualCards } from './virtual-cards/messages.en';
import { en as meetings } from './meetings/messages.en';
import { en as recommendations } from './recommendations/messages.en';

export const en: Messages<typeof ru> = {
  home: {
    title: 'Home',
    lead: 'Your card, your accounts in cooperatives and who read your data, on one page.',
    retry: 'Try again',
    loading: 'Loading…',
    edit: 'Edit the card',
    card: {
      title: 'My card',
      none: 'No card yet. Issue it once, then share it with cooperatives when you agree to.',
      issue: 'Issue the card',
      loadFailed: 'The card did not load',
      kind: 'Kind of card',
      completeness: 'Filled in',
      complete: 'Every field of the card is filled in.',
      missing: 'Not filled in: {{fields}}',
      more: 'and {{count}} more',
      updated: 'Last change',
    },
    accounts: {
      title: 'Accounts in cooperatives',
      none: 'No accounts yet. Open an account in a cooperative, or apply on its site.',
      loadFailed: 'The accounts did not load',
      awaiting: 'awaiting confirmation',
      confirmed: 'membership confirmed',
      closed: 'closed',
      manage: 'All accounts',
    },
    reads: {
      title: 'Who read my data',
      none: 'No cooperative has read your data yet.',
      loadFailed: 'The access list did not load',
      read: 'Last read: {{date}}',
      count_one: '{{count}} time',
      count_few: '{{count}} times',
      count_many: '{{count}} times',
      count_other: '{{count}} times',
      manage: 'All access',
    },
    security: {
      title: 'Recent security events',
      none: 'No events yet.',
      loadFailed: 'The history did not load',
      manage: 'Full history',
    },
    links: {
      title: 'Quick links',
      card: 'Member card',
      accounts: 'Accounts in cooperatives',
      access: 'Access to my data',
      security: 'Security',
      activity: 'Activity and sign-ins',
      admin: 'Platform administration',
      business: 'Cooperative business panel',
      help: 'Help',
    },
  },
  tour: {
    label: 'Getting to know CARD.COOP',
    step: 'Step {{step}} of {{total}}',
    next: 'Next',
    back: 'Back',
    done: 'Done',
    skip: 'Skip',
    card: {
      title: 'Your member card',
      text: 'The card is your data for cooperatives: name, passport, address. It is encrypted on your device; the server cannot read it. Fill it in once.',
    },
    kit: {
      title: 'The Recovery Kit',
      text: 'The Recovery Kit is the only way back to your card if you forget the password. Keep it apart from the password: without it, a forgotten password means a lost card.',
    },
    sharing: {
      title: 'Sharing and revoking',
      text: 'A cooperative gets only the fields you agree to. The Access page shows who read your data and when; revoking deletes the copy it was given.',
    },
    security: {
      title: 'Security',
      text: 'Turn on two-factor protection and check your sessions and sign-in history. If you see a device you do not know, end its session and change the password.',
    },
  },
  meetings,
  contributions,
  virtualCards,
  activity,
  recommendations,
};
