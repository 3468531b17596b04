import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { MAILER } from './mailer.js';
import type { DevMailbox, StoredMail } from './dev-mailbox.js';

/** Development only (not registered in production): the mails the server would have sent. */
@ApiExcludeController()
@Controller('dev/mailbox')
export class DevMailboxController {
  constructor(@Inject(MAILER) private readonly mailbox: DevMailbox) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async list(): Promise<{ mails: StoredMail[] }> {
    return { mails: await this.mailbox.list() };
  }
}
