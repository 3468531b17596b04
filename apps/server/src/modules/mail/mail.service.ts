import { Inject, Injectable } from '@nestjs/common';
import type { Locale } from '../../common/i18n/locale.js';
import { AppError } from '../../common/errors/app-error.js';
import { MAILER } from './mailer.js';
import type { Mailer } from './mailer.js';
import { renderMail } from './mail.templates.js';
import type { MailTemplate } from './mail.templates.js';

@Injectable()
export class MailService {
  constructor(@Inject(MAILER) private readonly mailer: Mailer) {}

  /** Renders a template in the member's language and sends it; a transport failure is a 503. */
  async send(to: string, template: MailTemplate, locale: Locale): Promise<void> {
    try {
      await this.mailer.send({ to, ...renderMail(template, locale) });
    } catch (cause) {
      throw new AppError('SERVICE_UNAVAILABLE', 503, { cause });
    }
  }
}
