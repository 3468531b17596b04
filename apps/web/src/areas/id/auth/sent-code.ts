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
