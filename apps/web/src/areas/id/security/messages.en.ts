import type { Messages } from '../../../lib/i18n/messages';
import type { ru } from './messages';

export const en: Messages<typeof ru> = {
  title: 'Security',
  intro:
    'Where you are signed in, what happened to your account, two-factor authentication, password, e-mail address and deleting the account.',
  loading: 'Loading…',
  retry: 'Try again',
  copied: 'Copied',
  sessions: {
    title: 'Sessions and devices',
    description:
      'Devices and browsers where you are signed in. If you do not recognise one, end its session and change your password.',
    unknownDevice: 'Unknown device',
    thisDevice: 'This device',
    signedIn: 'Signed in: {{date}}',
    lastUsed: 'Last active: {{date}}',
    place: 'Signed in from (network): {{ip}}',
    end: 'End',
    endNamed: 'End session: {{device}}',
    endOthers: 'End all other sessions',
    onlyThis: 'No other sessions: you are signed in here only.',
    confirmTitle: 'End this session?',
    confirmText: '“{{device}}” will be signed out and will have to sign in again.',
    confirmCurrentText:
      'This is the current session: you will be signed out here and have to sign in again to go on.',
    confirmOthersTitle: 'End all other sessions?',
    confirmOthersText:
      'Every other device and browser will have to sign in again. You stay signed in here.',
  },
  history: {
    title: 'Sign-ins and events',
    description:
      'Sign-ins, security changes and cooperatives reading the data you shared with them, newest first.',
    empty: 'No events yet.',
    showMore: 'Show more',
    attention: 'Attention',
    events: {
      account: {
        registered: 'Account created',
        added: 'Account {{username}} opened in cooperative {{coopname}}',
        closed: 'Account {{username}} closed in cooperative {{coopname}}',
      },
      login: {
        succeeded: 'Signed in',
        failed: 'Failed sign-in: wrong password',
      },
      session: {
        revoked: 'Session ended',
        revoked_others: 'All other sessions ended',
        refresh_reuse: 'Session ended: its key was used twice, it may have been stolen',
      },
      password: {
        changed: 'Password changed',
      },
      recovery: {
        completed: 'Access recovered with the recovery key',
        wrong_key: 'Failed recovery: wrong key',
      },
      recovery_kit: {
        confirmed: 'Recovery key saved',
        issued: 'A new recovery key was issued; the previous one no longer works',
      },
      totp: {
        enabled: 'Two-factor authentication turned on',
        disabled: 'Two-factor authentication turned off',
        backup_codes_regenerated: 'New backup codes created',
        backup_code_used: 'A backup code was used',
        locked: 'Confirmation codes locked: no attempts left',
        unlocked: 'Confirmation codes unlocked: the last code was right',
        reverted: 'Two-factor authentication undone from the e-mailed link',
      },
      email: {
        changed: 'E-mail address changed',
        reverted: 'E-mail address change reverted from the e-mailed link',
      },
      deletion: {
        scheduled: 'Account deletion scheduled',
        cancelled: 'Account deletion cancelled',
      },
      card: {
        issued: 'Member card issued',
        updated: 'Member card changed',
      },
      grant: {
        shared: 'Card data shared with cooperative {{coopname}}',
        ticket_exchanged: 'Cooperative {{coopname}} got access to the shared data',
        read: 'Cooperative {{coopname}} read the data shared with it',
        revoked: 'Access of cooperative {{coopname}} revoked',
        refused: 'You declined to share your data with cooperative {{coopname}}',
      },
      meeting: {
        attendance: 'Answered the invitation to a meeting of cooperative {{coopname}}',
      },
      calendar_feed: {
        created: 'Meetings calendar link created, any earlier one no longer works',
        revoked: 'Meetings calendar link revoked',
      },
      push: {
        subscribed: 'Push notifications turned on for a device',
        unsubscribed: 'Push notifications turned off for a device',
        expired: 'A device no longer takes push notifications: its subscription was removed',
      },
      balance: {
        updated: 'Cooperative {{coopname}} updated your balances',
      },
      contribution: {
        requested: 'Cooperative {{coopname}} asked you to pay a contribution',
        changed: 'Cooperative {{coopname}} changed a contribution to pay',
        cancelled: 'Cooperative {{coopname}} cancelled a contribution',
        paid: 'Cooperative {{coopname}} confirmed your contribution payment',
      },
    },
    details: {
      mfa: 'With a confirmation code',
      locked: 'Signing in is locked for a while after several mistakes',
      sessionsEnded: 'Sessions ended: {{number}}',
      due: 'Deletion date: {{date}}',
    },
  },
  factor: {
    label: 'Confirmation code',
    description: 'Six digits from your authenticator app, or one of your backup codes.',
    appLabel: 'Code from the app',
    appDescription: 'The six digits the app shows now.',
    invalid: 'Enter six digits from the app or a backup code like xxxx-xxxx.',
    invalidApp: 'The code is the six digits from the app.',
  },
  totp: {
    title: 'Two-factor authentication',
    description:
      'Besides the password, signing in takes a code from an authenticator app on your phone (Google Authenticator, Yandex Key, Aegis, for example).',
    state: 'Now:',
    on: 'on',
    off: 'off',
    offText: 'Turn it on: then the password alone will not let anyone in, even if they learn it.',
    start: 'Set it up',
    passwordTitle: 'Confirm your password',
    passwordText: 'Connecting an app takes your password: being signed in is not enough.',
    checking: 'Checking the password on this device…',
    continue: 'Continue',
    setupTitle: 'Connect your app',
    scan: 'Scan the QR code with your authenticator app, then enter the code it shows.',
    qrAlt: 'QR code that connects an authenticator app to CARD.COOP',
    manual: 'Cannot scan it? Enter this key in the app:',
    copySecret: 'Copy the key',
    enable: 'Turn on',
    mailNote:
      'Your e-mail address will get a message about it, with a link that undoes it for 7 days.',
    codesLeft: 'Unused backup codes: {{number}}',
    regenerate: 'New backup codes',
    regenerateTitle: 'New backup codes',
    regenerateText:
      'Enter your password and a code from the app or a backup code. The previous backup codes will stop working.',
    disable: 'Turn off',
    disableTitle: 'Turn off two-factor authentication',
    disableText:
      'Enter a code from the app or a backup code. After that, the password alone signs you in.',
  },
  codes: {
    title: 'Backup codes',
    once: 'The codes are shown only now. Save them: without your phone, they are the only way to sign in.',
    usage: 'Each code works once, instead of a code from the app.',
    copy: 'Copy the codes',
    download: 'Download as a file',
    done: 'I have saved the codes',
    fileHeader: 'CARD.COOP two-factor backup codes. Each code works once.',
  },
  recoveryKit: {
    title: 'Recovery key',
    description:
      'If the previous key is lost or may be in someone else’s hands, issue a new one: the previous one stops working at once.',
    issue: 'Issue a new recovery key',
    submit: 'Issue the key',
    progress: 'Making a new key…',
    done: 'The new key is saved. The previous one no longer works.',
    gateTitle: 'Save your recovery key',
    gateText:
      'Your recovery key was never saved. Without it, access to your card cannot be recovered if you forget the password. Enter your password: we will make a new key, and the previous one will stop working.',
  },
  password: {
    title: 'Password',
    description:
      'Your card and recovery key stay as they are: the new password opens the same encryption key.',
    current: 'Current password',
    currentRequired: 'Enter your current password.',
    same: 'The new password is the same as the current one.',
    endOthers: 'End the sessions on other devices',
    endOthersHint: 'If someone else may know the password, keep this checked.',
    changed: 'Password changed. Other sessions ended: {{number}}.',
    submit: 'Change password',
    progress: 'Checking the current password and preparing keys for the new one on this device…',
  },
  email: {
    title: 'E-mail address',
    description:
      'The new address gets a confirmation code; the old one gets a link that reverts the change for 7 days.',
    newAddress: 'New e-mail address',
    checking: 'Checking the password on this device…',
    sendCode: 'Get a code',
    codeTitle: 'Confirm the new address',
    codeSent: 'Six digits from the e-mail sent to {{email}}.',
    confirm: 'Confirm',
    otherAddress: 'Use another address',
    changed:
      'Your e-mail address is now {{email}}. The old address got an e-mail with a link that reverts the change for 7 days.',
    again: 'Change it again',
  },
  deletion: {
    title: 'Deleting the account',
    wait: 'A code from an e-mail confirms the deletion, and it happens 72 hours later.',
    gone: 'Until then it can be cancelled here, from any device where you are signed in.',
    fresh:
      'Then the card, the cooperative accounts and the access given to cooperatives are deleted for good. A new account for this address inherits nothing.',
    start: 'Delete the account…',
    emailTitle: 'The account’s address',
    emailText: 'Enter this account’s e-mail address: the confirmation code goes there.',
    sendCode: 'Get a code',
    pendingTitle: 'The account will be deleted',
    pending:
      'The deletion is scheduled for {{date}}. Until then it can be cancelled, here or on any other device where you are signed in.',
    cancel: 'Cancel the deletion',
    cancelled: 'Deletion cancelled. The account stays.',
  },
  revert: {
    title: 'Undo the e-mail address change',
    text: 'This account’s e-mail address was changed recently. If it was not you, take the old address back: every session will end, and signing in works with the old address again. Then change your password.',
    submit: 'Take the old address back',
    done: 'The old address is back and every session has ended. Sign in again and change your password.',
    toLogin: 'Sign in',
  },
  revertTotp: {
    title: 'Undo two-factor authentication',
    text: 'An authenticator app was connected to this account recently. If it was not you, undo it: two-factor authentication turns off, the backup codes stop working and every session ends. Then sign in with your password and change it: whoever connected the app knows it.',
    submit: 'Undo it',
    done: 'Undone, and every session has ended. Sign in again and change your password.',
  },
  errors: {
    INVALID_CREDENTIALS: 'The current password is wrong.',
    MFA_REQUIRED: 'Two-factor authentication is on: enter a confirmation code.',
    REAUTH_REQUIRED: 'The password confirmation has expired. Press Cancel and start again.',
    INVALID_TOKEN: 'The link does not work: it has been used or has expired.',
  },
};
