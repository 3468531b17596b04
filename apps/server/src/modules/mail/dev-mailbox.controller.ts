import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { JobQueue } from '../../infra/jobs/job-queue.js';
import { MAILER } from './mailer.js';
import type { DevMailbox, StoredMail } from './dev-mailbox.js';
import { Policy } from '../authz/policy.decorator.js';

/** Development only (not registered in production): the mails the server would have sent. */
@ApiExcludeController()
@Policy('public')
@Controller('dev/mailbox')
export class DevMailboxController {
  constructor(
    @Inject(MAILER) private readonly mailbox: DevMailbox,
    @Inject(JobQueue) private readonly jobs: JobQueue,
  ) {}

  /** Delivers the mails still queued first, so what a request sent is here when it answered. */
  @Get()
  @Header('Cache-Control', 'no-store')
  async list(): Promise<{ mails: StoredMail[] }> {
    await this.jobs.drain();
    return { mails: await this.mailbox.list() };
  }
}
