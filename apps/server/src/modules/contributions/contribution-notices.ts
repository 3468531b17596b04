import { Inject, Injectable } from '@nestjs/common';
import { CLOCK } from '../../infra/clock/clock.js';
import type { Clock } from '../../infra/clock/clock.js';
import { JobQueue } from '../../infra/jobs/job-queue.js';
import type { AppDatabase } from '../../db/database.js';
import { NotificationService } from '../notifications/notification.service.js';
import type { Notified } from '../notifications/notification.service.js';
import { PaymentRequestsRepository } from './payment-requests.repository.js';
import type { WithChange } from './payment-requests.repository.js';
import type { PaymentRequestRow } from './payment-request-rules.js';

const DAY_MS = 86_400_000;
/** The reminder goes at 09:00 in Moscow (UTC+3 all year), three days before the due date. */
const REMINDER_DAYS_BEFORE = 3;
const reminderKey = (id: string) => `contribution:${id}:due-3d`;

/** The day (`YYYY-MM-DD`) `dueDate`'s reminder is due: 09:00 Moscow three days before. */
export function dueSoonAt(dueDate: string): Date {
  return new Date(Date.parse(`${dueDate}T09:00:00+03:00`) - REMINDER_DAYS_BEFORE * DAY_MS);
}

const dataOf = (row: PaymentRequestRow) => ({
  contribution_id: row.id,
  amount: { amount: row.amount, currency: row.currency },
  due_date: row.dueDate,
});

/**
 * The member's notices about their payment requests, written in the cooperative's change's
 * transaction (so they exist if and only if the change does): `contribution.requested` when a
 * request is created, `contribution.confirmed` when it is paid, and the keyed job
 * `contribution:<id>:due-3d` for `contribution.due_soon` (moved when the due date changes,
 * dropped when the request is paid or cancelled, none when that moment has passed already).
 * Each notice has a delivery key, so a repeated call or job run notifies once.
 */
@Injectable()
export class ContributionNotices {
  constructor(
    @Inject(PaymentRequestsRepository) private readonly requests: PaymentRequestsRepository,
    @Inject(NotificationService) private readonly notifications: NotificationService,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    jobs.handle('contribution.due_soon', (payload) =>
      this.remind((payload as { requestId: string }).requestId),
    );
  }

  /**
   * The notices of one change: `then` (for the repository) writes them in its transaction,
   * `committed` tells the member's open tabs once it committed.
   */
  ofChange(): { then: WithChange; committed: () => void } {
    let notified: Notified | undefined;
    const then: WithChange = async (tx, { outcome, row, userId }) => {
      if (outcome === 'update') return this.schedule(row, tx);
      if (outcome === 'created') {
        if (userId) notified = await this.notify(row, userId, 'contribution.requested', tx);
        return this.schedule(row, tx);
      }
      await this.jobs.cancel(reminderKey(row.id), tx);
      if (outcome === 'confirm' && userId) {
        notified = await this.notify(row, userId, 'contribution.confirmed', tx);
      }
    };
    return { then, committed: () => notified?.afterCommit() };
  }

  private async schedule(row: PaymentRequestRow, tx: AppDatabase): Promise<void> {
    const key = reminderKey(row.id);
    const runAt = dueSoonAt(row.dueDate);
    if (runAt.getTime() <= this.clock.now()) {
      await this.jobs.cancel(key, tx);
    } else if (!(await this.jobs.reschedule(key, runAt, tx))) {
      await this.jobs.enqueue('contribution.due_soon', { requestId: row.id }, { key, runAt, tx });
    }
  }

  private async remind(requestId: string): Promise<void> {
    const found = await this.requests.findWithMember(requestId);
    if (!found?.userId || found.row.status !== 'requested') return;
    const once = `${reminderKey(requestId)}:${found.row.dueDate}`;
    await this.notifications.notify(found.userId, 'contribution.due_soon', dataOf(found.row), {
      coopname: found.row.coopname,
      once,
    });
  }

  /** `requested` or `confirmed`, once per request (`contribution:<id>:<what>`). */
  private notify(
    row: PaymentRequestRow,
    userId: string,
    type: 'contribution.requested' | 'contribution.confirmed',
    tx: AppDatabase,
  ): Promise<Notified> {
    const once = `contribution:${row.id}:${type.slice('contribution.'.length)}`;
    return this.notifications.notify(userId, type, dataOf(row), {
      coopname: row.coopname,
      once,
      tx,
    });
  }
}
