import type { Messages } from '../../../lib/i18n/messages';
import type { ru } from './messages';

export const en: Messages<typeof ru> = {
  title: 'Activity',
  lead: 'Who read your data and when, where you signed in from and what you paid, over the period you choose.',
  range: {
    label: 'Period',
    days30: '30 days',
    days90: '90 days',
    year: 'Year',
  },
  loadFailed: 'Activity did not load',
  period: 'Period',
  total: 'Total',
  reads: {
    title: 'Reads of my data',
    empty: 'No cooperative read your data in this period.',
    summary_one: 'Cooperatives read your data {{count}} time in this period.',
    summary_few: 'Cooperatives read your data {{count}} times in this period.',
    summary_many: 'Cooperatives read your data {{count}} times in this period.',
    summary_other: 'Cooperatives read your data {{count}} times in this period.',
  },
  logins: {
    title: 'Sign-ins by device',
    empty: 'No sign-ins in this period.',
    summary_one: '{{count}} sign-in in this period.',
    summary_few: '{{count}} sign-ins in this period.',
    summary_many: '{{count}} sign-ins in this period.',
    summary_other: '{{count}} sign-ins in this period.',
  },
  contributions: {
    title: 'Contributions paid per month',
    empty: 'No contributions paid in this period.',
    summary: 'Paid in this period: {{amount}}.',
    month: 'Month',
  },
  history: {
    title: 'Sign-in history',
    description:
      'Every sign-in to your account: when, on which device and from which IP address. Only you see the address.',
    time: 'Time',
    device: 'Device',
    ip: 'IP address',
    unknownIp: 'not recorded',
    none: 'No sign-ins yet.',
    more: 'Show more',
    loadFailed: 'Sign-in history did not load',
  },
  devices: 'Devices and sessions',
};
