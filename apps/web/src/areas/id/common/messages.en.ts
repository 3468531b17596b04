import type { Messages } from '../../../lib/i18n/messages';
import type { ru } from './messages';

export const en: Messages<typeof ru> = {
  nav: {
    label: 'id.card.coop sections',
    card: 'Card',
    accounts: 'Accounts',
    access: 'Access',
    security: 'Security',
    logout: 'Sign out',
  },
  progress: {
    working: 'Working…',
    keys: 'Preparing encryption keys on this device…',
  },
  confirm: {
    close: 'Close',
    cancel: 'Cancel',
  },
  locked: {
    title: 'Your card is locked',
    text: 'The encryption key lives only in this tab’s memory and is gone after a reload. Enter your password to open your card again.',
    password: 'Password',
    unlock: 'Unlock',
    other: 'Sign in with another address',
  },
  errors: {
    title: 'That did not work',
    NETWORK_ERROR: 'No connection to the server. Check your connection and try again.',
    INVALID_CREDENTIALS: 'Wrong e-mail address or password.',
    INVALID_CODE: 'The code does not match. Check it and try again.',
    CODE_EXPIRED: 'The code has expired. Request a new one.',
    TOO_MANY_ATTEMPTS: 'Too many attempts. Wait and try again later.',
    RATE_LIMITED: 'Too many requests. Wait a little.',
    INVALID_MFA_CODE: 'The confirmation code does not match.',
    LOGIN_EXPIRED: 'Signing in took too long. Start again.',
    SESSION_REVOKED: 'The session has ended. Sign in again.',
    UNAUTHORIZED: 'Sign in to continue.',
    NOT_FOUND: 'Not found.',
    CONFLICT: 'The data changed on another device. Reload the page.',
    VALIDATION_FAILED: 'Check the fields.',
    NOT_A_MEMBER: 'Your membership in this cooperative is not confirmed yet.',
    COOPERATIVE_NOT_READY: 'This cooperative has not set up receiving data yet.',
    UNREGISTERED_CALLBACK:
      'This return address is not registered by the cooperative. No data will be sent there.',
    UNTRUSTED_COOPERATIVE_KEY:
      'The cooperative’s key failed verification. No data will be sent; tell the cooperative.',
    DECRYPTION_FAILED: 'The data could not be decrypted with this key.',
    SERVER_KEY_MISMATCH: 'The server presented an unknown key. Signing in stopped.',
    default: 'Something went wrong. Try again.',
  },
};
