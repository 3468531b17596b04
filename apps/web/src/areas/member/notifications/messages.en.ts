import type { Messages } from '../../../lib/i18n/messages';
import type { ru } from './messages';

export const en: Messages<typeof ru> = {
  title: 'Notifications',
  lead: 'What happened to your card, your grants and in your cooperatives.',
  settingsLink: 'Notification settings',
  loadFailed: 'Notifications did not load',
  none: 'No notifications.',
  noneMatching: 'No notifications match the filter.',
  more: 'Show more',
  unread: 'Unread',
  markRead: 'Mark as read',
  markAllRead: 'Mark all as read',
  markFailed: 'Could not mark: {{reason}}',
  moreFailed: 'The next notifications did not load: {{reason}}',
  filters: {
    label: 'Filters',
    type: 'Type',
    anyType: 'All types',
    coop: 'Cooperative',
    anyCoop: 'All cooperatives',
    unreadOnly: 'Unread only',
  },
  settings: {
    title: 'Notification settings',
    lead: 'Where each type of notification goes.',
    back: 'All notifications',
    type: 'Notification',
    in_app: 'In the app',
    email: 'E-mail',
    push: 'Push',
    switchLabel: '{{type}}: {{channel}}',
    locked: 'Security notices are always on: they protect your account.',
    lockedShort: 'Always on',
    mailedAlways: 'The e-mail is always sent',
    digest: 'Daily digest',
    digestHint: 'E-mails (other than security notices) come as one e-mail a day.',
    saving: 'Saving…',
    saved: 'Saved',
    saveFailed: 'Not saved: {{reason}}',
    conflict:
      'The settings were changed on another device and have been reloaded. Make your change again.',
    loadFailed: 'The settings did not load',
  },
  push: {
    title: 'Push notifications on this device',
    lead: 'Notifications reach this browser even when CARD.COOP is closed. The “Push” column of the table below chooses which.',
    checking: 'Checking what this browser can do…',
    on: 'On for this device.',
    off: 'Off for this device.',
    enable: 'Turn on',
    disable: 'Turn off',
    blocked:
      'The browser blocks notifications from this site. Allow them in the site settings (the icon left of the address → Notifications → Allow) and reload the page.',
    dismissed: 'Permission was not given. Press “Turn on” again when you are ready.',
    unsupported:
      'This browser does not support push notifications. On iPhone and iPad, add CARD.COOP to the Home Screen and open it from there.',
    unavailable: 'Push notifications are not set up on this server.',
    failed: 'That did not work: {{reason}}',
  },
  recent: {
    title: 'Recent notifications',
    all: 'All notifications',
  },
  types: {
    security: {
      new_device: 'Sign-in from a new device',
      password_changed: 'Password changed',
      totp_changed: 'Two-factor protection',
      email_changed: 'E-mail changed',
    },
    account: {
      deletion_scheduled: 'Account deletion',
    },
    grant: {
      shared: 'Data shared',
      read: 'Data read',
      revoked: 'Access revoked',
    },
    meeting: {
      announced: 'New meeting',
      soon: 'Meeting in 24 hours',
      cancelled: 'Meeting cancelled',
    },
    contribution: {
      requested: 'Contribution requested',
      due_soon: 'Contribution due in 3 days',
      confirmed: 'Contribution received',
    },
    balance: {
      changed: 'Balance changed',
    },
    membership: {
      confirmed: 'Membership confirmed',
    },
    recommendation: {
      totp_off: 'Tip: turn on 2FA',
    },
    application: {
      submitted: 'Operator application submitted',
      approved: 'Operator application approved',
      rejected: 'Operator application rejected',
      changes_requested: 'Application needs changes',
    },
    webhook: {
      disabled: 'Webhook disabled',
    },
    virtual_card: {
      issued: 'Virtual card issued',
      topped_up: 'Card topped up',
      top_up_failed: 'Top-up failed',
      transaction: 'Card transaction',
      low_balance: 'Low card balance',
      frozen: 'Card frozen',
      unfrozen: 'Card unfrozen',
      revealed: 'Card details shown',
      monthly_report: 'Monthly card report',
    },
  },
  text: {
    security: {
      new_device: 'Signed in from a new device: {{device}}.',
      password_changed: 'Your password was changed.',
      password_changed_recovery: 'Your password was changed with the Recovery Kit.',
      totp_changed_on: 'Two-factor protection was turned on.',
      totp_changed_off: 'Two-factor protection was turned off.',
      email_changed: 'Your e-mail address was changed.',
    },
    account: {
      deletion_scheduled: 'Your account will be deleted on {{date}}.',
    },
    grant: {
      shared: 'You shared your card with “{{coop}}”.',
      read: '“{{coop}}” read your card.',
      revoked: 'The access of “{{coop}}” to your card was revoked.',
    },
    meeting: {
      announced: '“{{coop}}” called the meeting “{{title}}” on {{date}}.',
      soon: 'The meeting “{{title}}” of “{{coop}}” starts {{date}}.',
      cancelled: '“{{coop}}” cancelled the meeting “{{title}}” of {{date}}.',
    },
    contribution: {
      requested: '“{{coop}}” requested a contribution of {{amount}}.',
      requested_due: '“{{coop}}” requested a contribution of {{amount}}, due {{due}}.',
      due_soon: 'A contribution of {{amount}} to “{{coop}}” is due {{due}}.',
      confirmed: '“{{coop}}” confirmed your contribution of {{amount}}.',
    },
    balance: {
      changed: 'Your balance in “{{coop}}” changed.',
    },
    membership: {
      confirmed: '“{{coop}}” confirmed your membership (account {{username}}).',
    },
    recommendation: {
      totp_off:
        'Turn on two-factor protection: it keeps your account safe even if your password leaks.',
    },
    application: {
      submitted: '“{{coop}}” applied to the operator for the extended level.',
      approved: 'The operator approved the application of “{{coop}}”: the extended level is on.',
      rejected: 'The operator rejected the application of “{{coop}}”.',
      rejected_reason: 'The operator rejected the application of “{{coop}}”: {{reason}}',
      changes_requested: 'The operator asks for changes to the application of “{{coop}}”.',
      changes_requested_reason:
        'The operator asks for changes to the application of “{{coop}}”: {{reason}}',
    },
    webhook: {
      disabled_gone: 'The webhook of “{{coop}}” to {{host}} was disabled: it answered 410 Gone.',
      disabled_failing:
        'The webhook of “{{coop}}” to {{host}} was disabled: deliveries have failed for days.',
    },
    virtual_card: {
      issued: 'Virtual card •••• {{last4}} in “{{coop}}” was issued.',
      topped_up: 'Card •••• {{last4}} was topped up with {{amount}}.',
      top_up_failed: 'Topping up card •••• {{last4}} with {{amount}} failed: {{reason}}.',
      purchase_approved: 'Purchase of {{amount}} with card •••• {{last4}}{{merchant}}.',
      purchase_declined:
        'Purchase of {{amount}} with card •••• {{last4}}{{merchant}} was declined: {{reason}}.',
      refund: 'Refund of {{amount}} to card •••• {{last4}}{{merchant}}.',
      merchant: ' — {{merchant}}',
      low_balance: 'Card •••• {{last4}} has {{balance}} left.',
      frozen: 'Card •••• {{last4}} was frozen: purchases are declined.',
      unfrozen: 'Card •••• {{last4}} was unfrozen.',
      revealed:
        'The details of card •••• {{last4}} were shown. If it was not you, freeze the card and change your password.',
      monthly_report: 'The virtual card report of “{{coop}}” for {{month}} is ready.',
    },
  },
  coopUnknown: 'a cooperative',
};
