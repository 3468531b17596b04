import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Novu } from '@novu/api';
import { HTTPClientError, NovuError } from '@novu/api/models/errors/index.js';
import type { Locale } from '../../common/i18n/locale.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import type { AppDatabase } from '../../db/database.js';
import { JobQueue } from '../../infra/jobs/job-queue.js';
import { PermanentJobError } from '../../infra/jobs/permanent-job-error.js';
import { renderNoticeMail } from './notice-mail.js';
import type { MailNotice } from './notice-mail.js';
import { novuWorkflowId } from './novu-workflows.js';

/** The channels Novu delivers; in-app stays ours. */
export interface NovuChannels {
  email: boolean;
  push: boolean;
}

export interface NovuNotice {
  userId: string;
  notice: MailNotice;
  coopname: string | null;
  /** The in-app row's id (the trigger's transaction id), null when the member keeps it out. */
  notificationId: string | null;
  channels: NovuChannels;
  /** Sent only with the e-mail channel on: Novu mails it; otherwise Novu gets no address. */
  email: string | null;
  locale: Locale;
}

interface NovuJob extends NovuNotice {
  /** Fixed when queued, so every retry of the job is the same trigger to Novu. */
  transactionId: string;
}

/** A trigger that takes longer is abandoned and retried by the job queue. */
const TIMEOUT_MS = 10_000;
const LOCALES: readonly Locale[] = ['ru', 'en'];

/**
 * Delivers a notice's e-mail and push through Novu when `NOVU_SECRET_KEY` is set: one
 * `novu-trigger` job per notice, queued in the notice's transaction and retried by the job queue
 * (the SDK's own retries are off). The workflow is the type's (`cardcoop-<type>`), the subscriber
 * the member's opaque user id; the payload carries the notice's data, its title and body in
 * Russian and English, and which channels are on, which the workflow's steps must honour.
 */
@Injectable()
export class NovuDelivery {
  private readonly novu: Novu | null;

  constructor(
    @Inject(CONFIG) config: Config,
    @Inject(JobQueue) private readonly jobs: JobQueue,
  ) {
    const { secretKey, apiUrl } = config.novu;
    this.novu = secretKey
      ? new Novu({
          secretKey,
          serverURL: apiUrl,
          retryConfig: { strategy: 'none' },
          timeoutMs: TIMEOUT_MS,
        })
      : null;
    jobs.handle('novu-trigger', (job) => this.deliver(job as NovuJob));
  }

  /** Whether Novu replaces our e-mail and push delivery. */
  get enabled(): boolean {
    return this.novu !== null;
  }

  /** Queues the trigger in `tx`; nothing when no channel Novu serves is on. */
  async queue(tx: AppDatabase, notice: NovuNotice): Promise<void> {
    if (!notice.channels.email && !notice.channels.push) return;
    const job: NovuJob = {
      ...notice,
      email: notice.channels.email ? notice.email : null,
      transactionId: notice.notificationId ?? randomUUID(),
    };
    await this.jobs.enqueue('novu-trigger', job, { tx });
  }

  /** One trigger; throws to retry (429, 5xx, timeouts), or a PermanentJobError to give up. */
  async deliver(job: NovuJob): Promise<void> {
    if (!this.novu) throw new PermanentJobError('NOVU_SECRET_KEY is not set');
    const workflowId = novuWorkflowId(job.notice.type);
    const texts = Object.fromEntries(
      LOCALES.map((locale) => {
        const { subject, text } = renderNoticeMail(
          { kind: 'notification', notice: job.notice },
          locale,
        );
        return [locale, { title: subject, body: text }];
      }),
    );
    let status: string | undefined;
    try {
      const answer = await this.novu.trigger(
        {
          workflowId,
          to: {
            subscriberId: job.userId,
            locale: job.locale,
            ...(job.email ? { email: job.email } : {}),
          },
          payload: {
            type: job.notice.type,
            coopname: job.coopname,
            display_name: job.notice.display_name,
            notification_id: job.notificationId,
            data: job.notice.data,
            channels: job.channels,
            ...texts[job.locale],
            texts,
          },
          transactionId: job.transactionId,
        },
        // Novu answers a repeated key with the first answer: a retry after a lost answer is one trigger.
        job.transactionId,
      );
      status = answer.result.status;
    } catch (error) {
      // Accepted with an answer the SDK cannot read: the trigger happened.
      if (!(error instanceof NovuError && error.statusCode < 300)) throw failure(workflowId, error);
    }
    if (status !== undefined && status !== 'processed')
      throw new PermanentJobError(`Novu did not run workflow ${workflowId}: ${status}`);
  }
}

/**
 * What a failed trigger means for the job. Novu's messages are not repeated (they may quote the
 * payload); the status code and workflow say enough, and the secret key is never part of them.
 */
function failure(workflowId: string, error: unknown): Error {
  if (error instanceof NovuError) {
    const { statusCode } = error;
    // 408 and 429 ask to come back later; 409: Novu still handles the same idempotency key.
    const transient = [408, 409, 429].includes(statusCode) || statusCode >= 500;
    const message = `Novu answered ${statusCode} to workflow ${workflowId}`;
    return transient ? new Error(message) : new PermanentJobError(message);
  }
  if (error instanceof HTTPClientError)
    return new Error(`Novu unreachable for workflow ${workflowId}: ${error.name}`);
  return new Error(`Novu trigger of workflow ${workflowId} failed: ${(error as Error).name}`);
}
