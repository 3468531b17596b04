import type { CodeSent } from '@cardcoop/contracts';

/** A code the server e-mailed, and when: the resend timer counts from `sentAt`. */
export interface SentCode extends CodeSent {
  email: string;
  sentAt: number;
}

export function sentCode(email: string, sent: CodeSent): SentCode {
  return { ...sent, email, sentAt: Date.now() };
}

export const CODE = /^\d{6}$/;

/** The errors of a mailed code, shown under its field (`useSubmit({ ...CODE_ERRORS })`). */
export const CODE_ERRORS = {
  INVALID_CODE: 'code',
  CODE_EXPIRED: 'code',
  TOO_MANY_ATTEMPTS: 'code',
} as const;
