import { Inject, Injectable } from '@nestjs/common';
import type { Locale } from '../../common/i18n/locale.js';
import type { AppDatabase } from '../../db/database.js';
import { JobQueue } from '../../infra/jobs/job-queue.js';
import { MAILER } from './mailer.js';
import type { Mailer } from './mailer.js';
import { renderMail } from './mail.templates.js';
import type { MailTemplate } from './mail.templates.js';

interface MailJob {
  /** null: a decoy that is dropped unsent (see `send`). */
  to: string | null;
  template: MailTemplate;
  locale: Locale;
}

/**
 * Mail goes out through the job queue, never on the request path: the answer does not wait for
 * SMTP (whose delay would tell whether an address has an account), an SMTP outage delays mail
 * instead of failing requests, and a mail is queued in the same transaction as the change it
 * tells about.
 */
@Injectable()
export class MailService {
  constructor(
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(JobQueue) private readonly jobs: JobQueue,
  ) {
    jobs.handle('mail', (job) => this.deliver(job as MailJob));
  }

  /**
   * Queues a mail in the member's language. `to: null` queues a decoy that is dropped unsent:
   * a request that mails only when an address has an account queues one either way, so both
   * cases do the same work.
   */
  async send(
    to: string | null,
    template: MailTemplate,
    locale: Locale,
    tx?: AppDatabase,
  ): Promise<void> {
    const job: MailJob = { to, template, locale };
    await this.jobs.enqueue('mail', job, { tx });
  }

  /** Renders and sends one queued mail; a transport failure throws, so the job is retried. */
  async deliver({ to, template, locale }: MailJob): Promise<void> {
    if (to === null) return;
    await this.mailer.send({ to, ...renderMail(template, locale) });
  }
}
