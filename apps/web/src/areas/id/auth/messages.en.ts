import type { Messages } from '../../../lib/i18n/messages';
import type { ru } from './messages';

export const en: Messages<typeof ru> = {
  fields: {
    email: 'E-mail address',
    emailInvalid: 'Enter an e-mail address, for example anna@example.org.',
    password: 'Password',
    passwordRequired: 'Enter your password.',
  },
  code: {
    label: 'Code from the e-mail',
    description:
      'Six digits from the e-mail sent to {{email}}. The code works for {{minutes}} min.',
    invalid: 'The code is six digits.',
    resend: 'Send the code again',
    resendIn: 'You can send the code again in {{seconds}} s',
    resent: 'A new code is on its way.',
    otherEmail: 'Use another address',
  },
  newPassword: {
    label: 'New password',
    description: '8 to 128 characters. A few random words work best.',
    repeat: 'Repeat the password',
    tooShort: 'The password is too short: at least 8 characters.',
    tooLong: 'The password is too long: at most 128 characters.',
    common: 'This password is too common and would be guessed first. Choose another.',
    mismatch: 'The passwords do not match.',
    strength: {
      label: 'Password strength',
      veryWeak: 'very weak',
      weak: 'weak',
      fair: 'fair',
      good: 'good',
      strong: 'strong',
    },
    forget:
      'Only you know the password: we cannot remind you of it or reset it. Without it and without the recovery key, nobody can open the card.',
  },
  secondFactor: {
    title: 'Confirm it is you',
    totpText: 'Enter the six-digit code from your authenticator app.',
    totp: 'Code from the app',
    totpInvalid: 'The code is six digits.',
    backupText:
      'Enter one of the backup codes you saved when you turned on two-factor protection. Each code works once.',
    backup: 'Backup code',
    backupInvalid: 'A backup code looks like xxxx-xxxx.',
    useBackup: 'No access to the app? Use a backup code',
    useTotp: 'Enter a code from the app',
    submit: 'Confirm',
    back: 'Back',
  },
  login: {
    title: 'Sign in',
    intro: 'Sign in to open your member card.',
    ended:
      'Your session has ended: you signed out in another tab or on another device, or it expired. Sign in again.',
    submit: 'Sign in',
    trust: 'Trust this device',
    trustDescription:
      'The card opens after a page reload without the password. Do not turn this on on a shared or someone else’s computer.',
    forgot: 'Forgot your password?',
    noAccount: 'No card yet?',
    register: 'Register',
  },
  device: {
    title: 'This device is trusted',
    text: 'The browser keeps the card’s key in protected storage, so the card opens after a reload without the password. If someone else uses this device, forget it.',
    forget: 'Forget this device',
    forgotten: 'Device forgotten: the password will be needed after a reload.',
  },
  register: {
    title: 'Register',
    intro:
      'Your member card is stored encrypted: only you hold the key, the server cannot read it.',
    consent: 'I have read the privacy policy and accept it',
    consentRequired: 'Accept the privacy policy to continue.',
    policyLoading: 'Loading the privacy policy…',
    policyFailed: 'The privacy policy could not be loaded.',
    policyRetry: 'Try again',
    policyVersion: 'Version of {{date}}',
    sendCode: 'Get a code',
    credentialsTitle: 'Confirm your address and choose a password',
    submit: 'Create my card',
    haveAccount: 'Already have a card?',
    login: 'Sign in',
  },
  kit: {
    title: 'Your recovery key',
    intro:
      'It is the only way back to your card if you forget your password. We show it once and do not keep it: save it now.',
    keyLabel: 'Recovery key',
    print: 'Print',
    copy: 'Copy the key',
    copied: 'Key copied',
    download: 'Download a printable page',
    downloaded: 'The page is saved. Print it or keep it somewhere safe, not in your e-mail.',
    saved: 'I have saved the key',
    confirmTitle: 'Let us check the key is saved',
    confirmText: 'Type group {{group}} of {{count}}: four characters from the saved page.',
    confirmLabel: 'Group {{group}}',
    confirmMismatch: 'The group does not match. Check it against the saved key.',
    confirm: 'Confirm',
    showAgain: 'Show the key again',
  },
  recovery: {
    title: 'Get back into your account',
    intro: 'Only you know your password, so we cannot reset it. There are two ways.',
    withKitTitle: 'I have my recovery key',
    withKitText:
      'You saved it when you registered. Confirm your e-mail address, enter the key and choose a new password. Your card and data stay.',
    withKitStart: 'Recover with the key',
    lostTitle: 'I have nothing left',
    lostText:
      'No password and no key. Nobody can open the card now, not even us. What remains is to delete the account and register again.',
    lostStart: 'Delete the account',
    sendCode: 'Get a code',
    detailsTitle: 'Recovery key and new password',
    recoveryKey: 'Recovery key',
    recoveryKeyDescription: 'The 28 characters from your recovery page; dashes are optional.',
    recoveryKeyRequired: 'Enter your recovery key.',
    sessionsEnd: 'Every other session, on other devices and tabs, will be ended.',
    submit: 'Recover access',
    newKitIntro:
      'You are back in. The old key no longer works: here is a new one. Save it as you did the old one.',
    back: 'Back',
  },
  deletion: {
    title: 'Delete the account',
    what: 'Without the password and the recovery key, the card cannot be decrypted, by you or by us. So one thing remains: delete the account and start again.',
    wait: 'Confirm the deletion with the code from the e-mail. The deletion happens 72 hours later. Until then it can be cancelled from any device where you are still signed in, under “Security”.',
    gone: 'Then the card, the cooperative accounts and the access given to cooperatives are deleted for good. A new account for this address starts from scratch: it inherits nothing.',
    sendCode: 'Get a code',
    codeTitle: 'Confirm the deletion',
    confirm: 'Delete in 72 hours',
    scheduledTitle: 'Deletion scheduled',
    scheduled:
      'The account will be deleted on {{date}}. Until then, the deletion can be cancelled from any device where you are signed in. After that, register this address again.',
    toLogin: 'To the sign-in page',
  },
  errors: {
    INVALID_RECOVERY_KEY: 'The key does not match. Check it for typos.',
    PRIVACY_VERSION_OUTDATED: 'The privacy policy has been updated. Read the new version.',
    ACCOUNT_CHANGE_PENDING:
      'The e-mail address was changed recently. While the change can be reverted, recovery and deletion are not available.',
  },
};
