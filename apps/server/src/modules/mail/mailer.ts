export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends e-mail: SMTP in production, the dev mailbox otherwise. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export const MAILER = Symbol('MAILER');
export const MAIL_FROM = 'CARD.COOP <no-reply@card.coop>';
