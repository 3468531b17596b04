import { Inject, Injectable, Logger } from '@nestjs/common';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import { ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { JobQueue } from '../../infra/jobs/job-queue.js';
import type { AppDatabase } from '../../db/database.js';
import { draftEvent } from '../audit/audit-draft.js';
import { MailService } from '../mail/mail.service.js';
import { NotificationService } from '../notifications/notification.service.js';
import type { Notified } from '../notifications/notification.service.js';
import { DELIVERY_JOB, deliveryJobKey, WebhookEvents } from './webhook-events.js';
import type { DeliveryJob } from './webhook-events.js';
import { sendWebhook } from './webhook-sender.js';
import type { SendResult } from './webhook-sender.js';
import { WebhookSigner } from './webhook-signer.js';
import { WebhooksRepository } from './webhooks.repository.js';
import type { DeliveryRow, DeliveryWithEvent, EndpointRow } from './webhooks.repository.js';

/** An endpoint failing this long (no delivery in between) is disabled and its owners told. */
export const FAILING_DISABLE_MS = 3 * 86_400_000;
/** How soon a delivery waiting for an earlier one of the same member looks again, at least. */
const ORDER_WAIT_MS = 1000;

export const sealSecret = (crypto: ServerCrypto, endpointId: string, secret: string): string =>
  crypto.seal('webhook', secret, `webhook-endpoint:${endpointId}`);

/**
 * Runs `webhook-delivery` jobs: one attempt each. The job never fails in the job queue's sense:
 * the delivery row keeps the attempts, and a retry is a new job (`webhook-delivery:<id>:<n>`)
 * due after the configured wait (5 s, 30 s, 2 min, 10 min, 1 h, 6 h by default, ±10 %), then the
 * delivery is given up ('failed'). Deliveries about one member to one endpoint go out in order:
 * one waits while an earlier one is pending, and each finished one wakes the next.
 */
@Injectable()
export class WebhookDelivery {
  private readonly logger = new Logger('WebhookDelivery');

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(WebhooksRepository) private readonly repository: WebhooksRepository,
    @Inject(WebhookEvents) private readonly events: WebhookEvents,
    @Inject(WebhookSigner) private readonly signer: WebhookSigner,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(MailService) private readonly mail: MailService,
    @Inject(NotificationService) private readonly notifications: NotificationService,
  ) {
    jobs.handle(DELIVERY_JOB, (payload) => this.run(payload as DeliveryJob));
  }

  async run(job: DeliveryJob): Promise<void> {
    const delivery = await this.repository.delivery(job.deliveryId);
    if (!delivery || delivery.status !== 'pending' || delivery.jobSeq !== job.jobSeq) return;
    if (delivery.endpoint.status !== 'enabled') {
      await this.repository.abandon(delivery.id, 'endpoint disabled');
      return this.wakeNext(delivery);
    }
    const earlier = await this.repository.earlierPending(delivery);
    if (earlier) return this.waitFor(delivery, earlier);
    const result = await this.attempt(delivery);
    await this.settle(delivery, result);
  }

  private async waitFor(delivery: DeliveryRow, earlier: DeliveryRow): Promise<void> {
    const soon = Date.now() + ORDER_WAIT_MS;
    const at = new Date(Math.max(soon, (earlier.nextAttemptAt?.getTime() ?? 0) + ORDER_WAIT_MS));
    await this.reschedule(delivery.id, at);
  }

  private async reschedule(id: string, at: Date): Promise<void> {
    await this.repository.transaction(async (tx) => {
      const jobSeq = await this.repository.schedule(tx, id, at);
      if (jobSeq !== undefined) await this.events.queue(tx, id, jobSeq, at);
    });
  }

  private attempt(delivery: DeliveryWithEvent): Promise<SendResult> {
    const { event, endpoint } = delivery;
    const now = new Date();
    const body = JSON.stringify({
      type: event.type,
      timestamp: event.createdAt.toISOString(),
      data: event.payload,
    });
    const secret = this.crypto.open(
      'webhook',
      endpoint.secretSealed,
      `webhook-endpoint:${endpoint.id}`,
    );
    const headers = this.signer.sign(secret, event.id, now, body);
    return sendWebhook(endpoint.url, { ...headers }, body, {
      timeoutMs: this.config.webhooks.timeoutMs,
      allowPrivate: this.config.webhooks.allowPrivateTargets,
    });
  }

  private async settle(delivery: DeliveryWithEvent, result: SendResult): Promise<void> {
    const code = result.statusCode;
    const delivered = code !== null && code >= 200 && code < 300;
    const gone = code === 410;
    const delays = this.config.webhooks.retryDelaysMs;
    const retryIn = delays[delivery.attempts];
    const giveUp = !delivered && (gone || retryIn === undefined);
    const nextAttemptAt =
      delivered || giveUp ? null : new Date(Date.now() + jittered(retryIn ?? 0));
    const notified: Notified[] = [];
    await this.repository.transaction(async (tx) => {
      const endpoint = await this.repository.attempted(tx, delivery, {
        status: delivered ? 'delivered' : giveUp ? 'failed' : 'pending',
        statusCode: code,
        error: result.error,
        nextAttemptAt,
      });
      if (nextAttemptAt) {
        const jobSeq = await this.repository.schedule(tx, delivery.id, nextAttemptAt);
        if (jobSeq !== undefined) await this.events.queue(tx, delivery.id, jobSeq, nextAttemptAt);
      }
      const reason = gone ? 'gone' : failingTooLong(endpoint) ? ('failing' as const) : null;
      if (endpoint && reason) {
        this.logger.warn(
          `webhook endpoint ${endpoint.id} of ${endpoint.coopname} disabled: ${reason}`,
        );
        const disabled = await this.repository.disable(tx, endpoint, reason, {
          draft: draftEvent('webhook.endpoint.disabled', {
            coopname: endpoint.coopname,
            endpoint_id: endpoint.id,
            reason,
          }),
          ipSealed: null,
        });
        if (disabled) notified.push(...(await this.tellKeepers(tx, endpoint, reason)));
      }
    });
    for (const notice of notified) notice.afterCommit();
    if (delivered || giveUp) await this.wakeNext(delivery);
  }

  /**
   * Tells the cooperative's owners and admins that an endpoint was disabled: a mail and an
   * in-app notice each, in the transaction that disabled it (both commit with it, or neither).
   * Only the URL's host is named: its path or query may carry a token.
   */
  private async tellKeepers(
    tx: AppDatabase,
    endpoint: EndpointRow,
    reason: 'gone' | 'failing',
  ): Promise<Notified[]> {
    const { coopname } = endpoint;
    const host = hostOf(endpoint.url);
    const { displayName, staff } = await this.repository.endpointKeepers(tx, coopname);
    const notified: Notified[] = [];
    for (const member of staff) {
      const to = this.crypto.open('email', member.emailSealed, `user:${member.userId}`);
      await this.mail.send(
        to,
        { kind: 'webhook-disabled', coopname, displayName, host, reason },
        member.locale,
        tx,
      );
      notified.push(
        await this.notifications.notify(
          member.userId,
          'webhook.disabled',
          { endpoint_id: endpoint.id, host, reason },
          { coopname, tx },
        ),
      );
    }
    return notified;
  }

  /** A finished delivery lets the next one of the same member to the same endpoint go now. */
  private async wakeNext(delivery: DeliveryRow): Promise<void> {
    const next = await this.repository.nextPending(delivery);
    if (next && (await this.jobs.reschedule(deliveryJobKey(next.id, next.jobSeq), new Date())))
      this.jobs.kick();
  }
}

/** The host of an endpoint's URL (validated when it was saved), at most a DNS name long. */
const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname.slice(0, 253);
  } catch {
    return '?';
  }
};

const jittered = (ms: number): number => Math.round(ms * (0.9 + Math.random() * 0.2));

const failingTooLong = (endpoint: EndpointRow | undefined): boolean =>
  !!endpoint?.failingSince &&
  endpoint.status === 'enabled' &&
  Date.now() - endpoint.failingSince.getTime() >= FAILING_DISABLE_MS;
