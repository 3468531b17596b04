import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { MAIL_FROM } from './mailer.js';
import type { MailMessage, Mailer } from './mailer.js';

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(url: string) {
    this.transport = nodemailer.createTransport(url);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: MAIL_FROM, ...message });
  }

  /** Connects and authenticates to the SMTP server without sending (the admin's health page). */
  async verify(): Promise<void> {
    await this.transport.verify();
  }

  close(): void {
    this.transport.close();
  }
}
