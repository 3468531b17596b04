import type { Messages } from '../../../lib/i18n/messages';
import type { ru } from './messages';

export const en: Messages<typeof ru> = {
  nav: {
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
    account: 'Signed in as {{email}}',
    text: 'To keep it safe, your card locks when the page reloads. Enter your password to open it again.',
    password: 'Password',
    unlock: 'Open my card',
    wrongPassword: 'The password does not match. Check the keyboard layout and try again.',
    forgot: 'Forgot your password?',
    forget: 'Forget this device',
    forgetText:
      'You will be signed out here, and this browser will erase everything it kept for signing in.',
  },
  deletion: {
    title: 'Your account will be deleted',
    text: 'Deletion is scheduled for {{date}}. Your card, cooperative accounts and access grants will be erased.',
    cancel: 'Cancel the deletion',
  },
  wait: {
    TOO_MANY_ATTEMPTS: 'Too many attempts. Try again in {{minutes}} min.',
    RATE_LIMITED: 'Too many requests. Try again in {{minutes}} min.',
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
    SERVICE_UNAVAILABLE: 'The service is busy right now. Wait a moment and try again.',
    default: 'Something went wrong. Try again.',
  },
};
