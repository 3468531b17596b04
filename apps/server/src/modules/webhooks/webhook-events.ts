import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { WebhookEventType } from '@cardcoop/contracts';
import type { AppDatabase } from '../../db/database.js';
import { JobQueue } from '../../infra/jobs/job-queue.js';
import { WebhooksRepository } from './webhooks.repository.js';

/** The job kind of one delivery attempt. */
export const DELIVERY_JOB = 'webhook-delivery';

export interface DeliveryJob {
  deliveryId: string;
  /** The delivery's job number this job was queued as; an older one is stale and does nothing. */
  jobSeq: number;
}

/** `webhook-delivery:<id>` for the first attempt, `…:<n>` for the n-th re-scheduling. */
export const deliveryJobKey = (deliveryId: string, jobSeq: number): string =>
  jobSeq === 0 ? `${DELIVERY_JOB}:${deliveryId}` : `${DELIVERY_JOB}:${deliveryId}:${jobSeq}`;

/**
 * What an event carries: no personal data, only usernames, ids, field names, statuses, amounts
 * and times. `username` (when the event is about a member) also orders deliveries per member.
 */
export interface WebhookEventInput {
  coopname: string;
  type: WebhookEventType | 'webhook.test';
  data: Record<string, string | number | boolean | null | string[]>;
}

export const newEventId = (): string => `evt_${randomBytes(18).toString('base64url')}`;

/**
 * Writes events into the outbox: the event, a delivery per subscribed endpoint and each
 * delivery's keyed job, all in the caller's transaction, so an event exists exactly when the
 * change that caused it commits.
 */
@Injectable()
export class WebhookEvents implements OnApplicationShutdown {
  constructor(
    @Inject(WebhooksRepository) private readonly repository: WebhooksRepository,
    @Inject(JobQueue) private readonly jobs: JobQueue,
  ) {
    install(this);
  }

  onApplicationShutdown(): void {
    const index = running.indexOf(this);
    if (index >= 0) running.splice(index, 1);
  }

  /**
   * Records the event in `tx` for the cooperative's enabled endpoints subscribed to its type
   * (`only`: to that one endpoint whatever it subscribed to, for a test); nothing when none.
   */
  async record(
    tx: AppDatabase,
    input: WebhookEventInput,
    only?: string,
  ): Promise<{ eventId: string; deliveryIds: string[] } | undefined> {
    const endpoints = (
      await this.repository.subscribers(tx, input.coopname, only ? null : input.type)
    ).filter((endpoint) => !only || endpoint.id === only);
    if (endpoints.length === 0) return undefined;
    const eventId = newEventId();
    await this.repository.insertEvent(tx, {
      id: eventId,
      coopname: input.coopname,
      type: input.type,
      payload: input.data,
    });
    const username = typeof input.data.username === 'string' ? input.data.username : null;
    const deliveries = await this.repository.insertDeliveries(
      tx,
      endpoints.map((endpoint) => ({ endpointId: endpoint.id, eventId, orderingKey: username })),
    );
    for (const { id } of deliveries) await this.queue(tx, id, 0);
    return { eventId, deliveryIds: deliveries.map(({ id }) => id) };
  }

  /** Queues the delivery's job number `jobSeq` in `tx`, due at `runAt` (now when absent). */
  async queue(tx: AppDatabase, deliveryId: string, jobSeq: number, runAt?: Date): Promise<void> {
    const job: DeliveryJob = { deliveryId, jobSeq };
    await this.jobs.enqueue(DELIVERY_JOB, job, {
      tx,
      key: deliveryJobKey(deliveryId, jobSeq),
      ...(runAt ? { runAt } : {}),
    });
  }
}

/**
 * The started instances, latest last: one in production; tests may start a second app next to
 * the first (same keys), and the first must go on recording when the second stops.
 */
const running: WebhookEvents[] = [];
const install = (events: WebhookEvents) => running.push(events);

/**
 * The one call other modules make, in the transaction of the change that causes the event:
 * `await webhooks.record(tx, { coopname, type, data })`. Does nothing before the webhooks module
 * started (scripts that run without it).
 */
export const webhooks = {
  async record(tx: AppDatabase, input: WebhookEventInput): Promise<void> {
    await running.at(-1)?.record(tx, input);
  },
};
