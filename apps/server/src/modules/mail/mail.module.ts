import { Inject, Module } from '@nestjs/common';
import type { DynamicModule, OnApplicationShutdown } from '@nestjs/common';
import type { Config } from '../../config/config.schema.js';
import type { Logger } from '../../common/logging/logger.js';
import { CACHE } from '../../infra/cache/cache.js';
import type { Cache } from '../../infra/cache/cache.js';
import { DevMailbox } from './dev-mailbox.js';
import { DevMailboxController } from './dev-mailbox.controller.js';
import { MAILER } from './mailer.js';
import type { Mailer } from './mailer.js';
import { MailService } from './mail.service.js';
import { SmtpMailer } from './smtp.mailer.js';

@Module({})
export class MailModule implements OnApplicationShutdown {
  constructor(@Inject(MAILER) private readonly mailer: Mailer) {}

  static forRoot(config: Config, logger: Logger): DynamicModule {
    const smtpUrl = config.mail.smtpUrl;
    return {
      module: MailModule,
      global: true,
      // Config refuses production without SMTP_URL, so the dev mailbox never serves production.
      controllers: smtpUrl ? [] : [DevMailboxController],
      providers: [
        MailService,
        {
          provide: MAILER,
          inject: [CACHE],
          useFactory: (cache: Cache) =>
            smtpUrl ? new SmtpMailer(smtpUrl) : new DevMailbox(cache, logger),
        },
      ],
      exports: [MailService, MAILER],
    };
  }

  onApplicationShutdown(): void {
    if (this.mailer instanceof SmtpMailer) this.mailer.close();
  }
}
