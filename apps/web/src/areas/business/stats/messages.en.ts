import type { Messages } from '../../../lib/i18n/messages';
import type { ru } from './messages';

export const en: Messages<typeof ru> = {
  title: 'Statistics',
  lead: 'Connections through CARD.COOP, consents, data reads and revocations, per day of the period you choose. The numbers count audited events and name no member.',
  day: 'Day',
  summary: 'In the period: {{values}}.',
  period: 'Period: {{from}} – {{to}}, time zone {{tz}}.',
  counts: {
    connect_opened: 'connect pages opened',
    registrations: 'registrations',
    sign_ins: 'sign-ins',
    consents: 'consents',
    refusals: 'refusals',
    revocations: 'revocations',
    tickets_exchanged: 'tickets exchanged',
    reads: 'data reads',
    membership_confirmations: 'memberships confirmed',
  },
  charts: {
    consents: 'Consents and refusals per day',
    reads: 'Tickets exchanged and data reads per day',
    connect: 'Connect pages, registrations and sign-ins per day',
    revocations: 'Revocations and membership confirmations per day',
  },
  totals: {
    active_grants: 'active grants now',
    consents: 'consents in the period',
    reads: 'reads in the period',
    revocations: 'revocations in the period',
  },
  funnel: {
    title: 'Connection funnel',
    lead: 'How many visitors went through each step; percentages of the connect pages opened.',
    noVisits:
      'How many members went through each step. Nobody opened the CARD.COOP connect page in the period, so there are no percentages.',
    connect_opened: 'Opened the connect page',
    signed_in: 'Signed in or registered',
    consent_given: 'Gave consent',
    ticket_exchanged: 'Server exchanged the ticket',
    data_read: 'Server read the data',
  },
  live: {
    title: 'Right now',
    badge: 'live',
    lead: 'Events since you opened this page. The numbers above update by themselves.',
    consent: 'consents',
    read: 'reads',
    revoke: 'revocations',
    last: 'Last event at {{time}}',
  },
  csv: {
    button: 'Download CSV',
    progress: 'Preparing the file…',
  },
  range: {
    label: 'Statistics period',
    from: 'From',
    to: 'To',
    placeholder: 'dd.mm.yyyy',
    show: 'Show',
    tz: 'Days are counted in the time zone {{tz}}.',
    errors: {
      invalid: 'Enter the date as dd.mm.yyyy.',
      order: 'The end is before the start.',
      tooLong: 'The period is at most {{max}} days.',
    },
  },
};
