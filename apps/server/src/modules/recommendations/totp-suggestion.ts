import { Inject, Injectable } from '@nestjs/common';
import type { AppDatabase } from '../../db/database.js';
import { JobQueue } from '../../infra/jobs/job-queue.js';
import { NotificationService } from '../notifications/notification.service.js';
import { RecommendationsRepository } from './recommendations.repository.js';

/** The suggestion goes this long after registration. */
const AFTER_REGISTRATION_MS = 24 * 3_600_000;

/**
 * "Turn on 2FA" as a notification, once: registration queues the keyed job
 * `recommendation:<user>:totp-off` a day ahead; when it runs, a member still without 2FA (who
 * did not hide the suggestion on the home) is notified under a delivery key, so a job run again
 * after a restart notifies nobody twice.
 */
@Injectable()
export class TotpSuggestion {
  constructor(
    @Inject(RecommendationsRepository) private readonly repository: RecommendationsRepository,
    @Inject(NotificationService) private readonly notifications: NotificationService,
    @Inject(JobQueue) private readonly jobs: JobQueue,
  ) {
    jobs.handle('recommendation.totp_off', (payload) =>
      this.suggest((payload as { userId: string }).userId),
    );
  }

  /** Schedules the suggestion in the registration's transaction. */
  async registered(userId: string, registeredAt: number, tx: AppDatabase): Promise<void> {
    await this.jobs.enqueue(
      'recommendation.totp_off',
      { userId },
      {
        key: `recommendation:${userId}:totp-off`,
        runAt: new Date(registeredAt + AFTER_REGISTRATION_MS),
        tx,
      },
    );
  }

  private async suggest(userId: string): Promise<void> {
    const member = await this.repository.security(userId);
    if (!member || member.totpEnabled || member.dismissed.includes('totp-off')) return;
    await this.notifications.notify(
      userId,
      'recommendation.totp_off',
      {},
      {
        once: 'recommendation:totp-off',
      },
    );
  }
}
