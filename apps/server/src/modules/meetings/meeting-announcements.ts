import { Inject, Injectable } from '@nestjs/common';
import type { AppDatabase } from '../../db/database.js';
import { CLOCK } from '../../infra/clock/clock.js';
import type { Clock } from '../../infra/clock/clock.js';
import { JobQueue } from '../../infra/jobs/job-queue.js';
import { CardAccountsService } from '../card/card-accounts.service.js';
import { NotificationService } from '../notifications/notification.service.js';
import { MeetingsRepository } from './meetings.repository.js';
import type { MeetingRow } from './meetings.repository.js';

/**
 * What happened to a meeting, for announcing it: `published` (new, or published again after a
 * cancellation), `moved` (its start, end, place or online link changed), `updated` (anything
 * else: title, agenda, documents), `cancelled`.
 */
export type MeetingChange = 'published' | 'moved' | 'updated' | 'cancelled';

/** The reminder is due this long before the start. */
const REMINDER_BEFORE_MS = 24 * 3_600_000;
/** Members notified per page of the fan-out. */
const BATCH = 200;

interface AnnouncePayload {
  meetingId: string;
  revision: number;
  /** A cancellation to announce (older jobs lack it: a publication). */
  cancelled?: boolean;
}

const reminderKey = (meetingId: string) => `meeting:${meetingId}:24h`;

/**
 * Tells a cooperative's confirmed members about its meetings. `MeetingsService` calls `changed`
 * in the cooperative's change's transaction, so the announcement is queued if and only if the
 * change commits: a publication, a cancellation or a move (time or place) queues
 * `meeting.announce`, a job that notifies the members page by page, so a big cooperative never
 * holds up its own request (run at once after the commit); a title or agenda edit notifies nobody. The 24-hour reminder `meeting.soon` is a keyed job
 * (`meeting:<id>:24h`) at the start minus 24 h: moved with the meeting, dropped when it is
 * cancelled, none when less than 24 h remain at publication (the announcement is the reminder).
 * Every notice carries a delivery key, so a job run again (its node died before deleting it)
 * notifies nobody twice.
 */
@Injectable()
export class MeetingAnnouncements {
  constructor(
    @Inject(MeetingsRepository) private readonly meetings: MeetingsRepository,
    @Inject(CardAccountsService) private readonly accounts: CardAccountsService,
    @Inject(NotificationService) private readonly notifications: NotificationService,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    jobs.handle('meeting.announce', (payload) => this.announce(payload as AnnouncePayload));
    jobs.handle('meeting.soon', (payload) =>
      this.remind((payload as { meetingId: string }).meetingId),
    );
  }

  async changed(meeting: MeetingRow, change: MeetingChange, tx: AppDatabase): Promise<void> {
    const key = reminderKey(meeting.id);
    if (change === 'updated') return;
    const cancelled = change === 'cancelled';
    const payload: AnnouncePayload = {
      meetingId: meeting.id,
      revision: meeting.revision,
      cancelled,
    };
    await this.jobs.enqueue('meeting.announce', payload, {
      key: `meeting:${meeting.id}:announce:${meeting.revision}`,
      tx,
    });
    if (cancelled) {
      await this.jobs.cancel(key, tx);
      return;
    }
    const runAt = new Date(meeting.startsAt.getTime() - REMINDER_BEFORE_MS);
    if (runAt.getTime() <= this.clock.now()) {
      await this.jobs.cancel(key, tx);
    } else if (!(await this.jobs.reschedule(key, runAt, tx))) {
      await this.jobs.enqueue('meeting.soon', { meetingId: meeting.id }, { key, runAt, tx });
    }
  }

  /** The change committed: its announcement goes now rather than at the queue's next poll. */
  committed(): void {
    this.jobs.kick();
  }

  /**
   * `meeting.announced` (or `meeting.cancelled`) to every confirmed member, unless the meeting
   * was cancelled (or published again) since.
   */
  private async announce({ meetingId, revision, cancelled = false }: AnnouncePayload) {
    const meeting = await this.meetings.findById(meetingId);
    if (!meeting || (meeting.cancelledAt !== null) !== cancelled) return;
    const type = cancelled ? 'meeting.cancelled' : 'meeting.announced';
    await this.fanOut(meeting, type, `meeting:${meetingId}:r${revision}`, new Set());
  }

  /** `meeting.soon` to the confirmed members who did not answer "not going". */
  private async remind(meetingId: string): Promise<void> {
    const meeting = await this.meetings.findById(meetingId);
    if (!meeting || meeting.cancelledAt !== null) return;
    const once = `meeting:${meetingId}:24h:${meeting.startsAt.toISOString()}`;
    await this.fanOut(meeting, 'meeting.soon', once, await this.meetings.notGoing(meetingId));
  }

  private async fanOut(
    meeting: MeetingRow,
    type: 'meeting.announced' | 'meeting.soon' | 'meeting.cancelled',
    once: string,
    skip: Set<string>,
  ): Promise<void> {
    const data = {
      meeting_id: meeting.id,
      title: meeting.input.title,
      starts_at: meeting.input.starts_at,
    };
    let after: string | undefined;
    do {
      const page = await this.accounts.confirmedIn(meeting.coopname, after, BATCH);
      for (const userId of page.userIds) {
        if (skip.has(userId)) continue;
        await this.notifications.notify(userId, type, data, { coopname: meeting.coopname, once });
      }
      after = page.next;
    } while (after !== undefined);
  }
}
