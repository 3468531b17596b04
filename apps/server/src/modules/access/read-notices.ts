import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import { Scheduler } from '../../infra/scheduler/scheduler.js';
import { NotificationService } from '../notifications/notification.service.js';
import { ReadNoticesRepository } from './read-notices.repository.js';

const BATCH = 500;

/**
 * Tells members that a cooperative read their data: at most once a day per grant, within about
 * a minute of the read (`READ_NOTICES_EVERY_SECONDS`, `READ_NOTICES_SETTLE_SECONDS`). The read
 * itself only appends its audit event (ADR 023); this task reads those events in order and writes
 * the notices in batches, off the cooperative's request path.
 */
@Injectable()
export class ReadNotices {
  constructor(
    @Inject(ReadNoticesRepository) private readonly repository: ReadNoticesRepository,
    @Inject(NotificationService) private readonly notifications: NotificationService,
    @Inject(Scheduler) scheduler: Scheduler,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    scheduler.every('grant-read-notices', config.readNotices.everyMs, () => this.sweep());
  }

  /** Notices the reads since the last sweep, batch by batch; returns how many members were told. */
  async sweep(now = new Date()): Promise<number> {
    let told = 0;
    for (;;) {
      const { events, result } = await this.repository.take(
        { now, settleMs: this.config.readNotices.settleMs, limit: BATCH },
        async (tx, due) => {
          const notified = [];
          for (const { userId, coopname } of due) {
            notified.push(
              await this.notifications.notify(userId, 'grant.read', {}, { coopname, tx }),
            );
          }
          return notified;
        },
      );
      for (const notice of result) notice.afterCommit();
      told += result.filter((notice) => notice.id !== null).length;
      if (events < BATCH) return told;
    }
  }
}
