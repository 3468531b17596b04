import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { rootCertificates } from 'node:tls';
import { Inject, Injectable } from '@nestjs/common';
import webpush from 'web-push';
import { isSecurityNotification } from '@cardcoop/contracts';
import type { PushMessage } from '@cardcoop/contracts';
import type { Locale } from '../../common/i18n/locale.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import type { AppDatabase } from '../../db/database.js';
import { ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { JobQueue } from '../../infra/jobs/job-queue.js';
import { SERVER_SECRETS } from '../../infra/secrets/secrets.js';
import type { ServerSecrets } from '../../infra/secrets/secrets.js';
import { AuditService } from '../audit/audit.service.js';
import type { MailNotice } from '../notifications/notice-mail.js';
import { pushMessage } from './push-message.js';
import { PushSubscriptionsRepository } from './push-subscriptions.repository.js';
import { subscriptionAad } from './push-subscriptions.service.js';
import type { SealedSubscription } from './push-subscriptions.service.js';

interface PushJob {
  subscriptionId: string;
  message: PushMessage;
  urgency: 'high' | 'normal';
}

/** A push service keeps an undelivered message this long (the browser may be offline). */
export const PUSH_TTL_SECONDS = 86_400;
/** A push service that has not answered by then is tried again later. */
const TIMEOUT_MS = 10_000;
/** The push service's answers that mean the subscription is gone for good. */
const GONE = new Set([404, 410]);

/**
 * Web push of notices (RFC 8030/8291/8292 through `web-push`): one `push` job per subscribed
 * browser, queued in the notice's transaction with its text already rendered, so each browser's
 * delivery retries on its own with the queue's backoff. A push service answering 404/410 ends
 * the subscription. Endpoints and keys are sealed in the job and never logged.
 */
@Injectable()
export class PushDelivery {
  private readonly agent: Agent | undefined;

  constructor(
    @Inject(PushSubscriptionsRepository) private readonly repository: PushSubscriptionsRepository,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(SERVER_SECRETS) private readonly secrets: ServerSecrets,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(JobQueue) private readonly jobs: JobQueue,
  ) {
    const { caFile } = config.push;
    this.agent = caFile
      ? new Agent({ ca: [...rootCertificates, readFileSync(caFile, 'utf8')] })
      : undefined;
    jobs.handle('push', (job) => this.deliver(job as PushJob));
  }

  /** Queues the notice's push to each of the member's browsers in `tx`; none when push is off. */
  async queue(tx: AppDatabase, userId: string, notice: MailNotice, locale: Locale): Promise<void> {
    if (!this.secrets.vapid) return;
    const message = pushMessage(notice, locale);
    const urgency = isSecurityNotification(notice.type) ? 'high' : 'normal';
    for (const subscriptionId of await this.repository.idsOf(tx, userId)) {
      const job: PushJob = { subscriptionId, message, urgency };
      await this.jobs.enqueue('push', job, { tx });
    }
  }

  /** Sends one push; a failure other than "gone" throws, so the job is retried. */
  async deliver({ subscriptionId, message, urgency }: PushJob): Promise<void> {
    const vapid = this.secrets.vapid;
    const row = await this.repository.byId(subscriptionId);
    // Unsubscribed since, or push switched off on this server: nothing to do.
    if (!row || !vapid) return;
    const { endpoint, p256dh, auth } = JSON.parse(
      this.crypto.open('push', row.subscriptionSealed, subscriptionAad(row.userId)),
    ) as SealedSubscription;
    try {
      await webpush.sendNotification(
        { endpoint, keys: { p256dh, auth } },
        JSON.stringify(message),
        {
          vapidDetails: { subject: this.config.push.subject, ...vapid },
          TTL: PUSH_TTL_SECONDS,
          urgency,
          timeout: TIMEOUT_MS,
          ...(this.agent ? { agent: this.agent } : {}),
        },
      );
    } catch (error) {
      if (error instanceof webpush.WebPushError && GONE.has(error.statusCode)) {
        await this.repository.expire(row.id, (userId) =>
          this.audit.eventFor(userId, 'push.expired', {}),
        );
        return;
      }
      await this.repository.failed(row.id);
      // Never the endpoint: a network error's message names the push service's address.
      const reason =
        error instanceof webpush.WebPushError
          ? `the push service answered ${error.statusCode}`
          : `the push service could not be reached (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
      throw new Error(reason, { cause: error });
    }
    await this.repository.delivered(row.id);
  }
}
