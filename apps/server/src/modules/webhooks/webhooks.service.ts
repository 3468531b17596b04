import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { WEBHOOK_ENDPOINTS_MAX } from '@cardcoop/contracts';
import type {
  WebhookDeliveryPage,
  WebhookEndpoint,
  WebhookEndpointCreate,
  WebhookEndpointUpdate,
  WebhookEndpointWithSecret,
  WebhookEventType,
  WebhookTestResult,
} from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.schema.js';
import { ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { JobQueue } from '../../infra/jobs/job-queue.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuditData } from '../audit/audit-hash.js';
import { sealSecret } from './webhook-delivery.js';
import { WebhookEvents } from './webhook-events.js';
import { newWebhookSecret } from './webhook-signer.js';
import { isPublicTarget } from './webhook-target.js';
import { WebhooksRepository } from './webhooks.repository.js';
import type { Actor, EndpointRow } from './webhooks.repository.js';

/** Who acts in the business panel, for the audit event. */
export interface StaffActor {
  userId: string;
  ip: string;
}

const notFound = () => new AppError('NOT_FOUND', 404);

/** A cooperative's webhook endpoints and their delivery log (business panel). */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(WebhooksRepository) private readonly repository: WebhooksRepository,
    @Inject(WebhookEvents) private readonly events: WebhookEvents,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(JobQueue) private readonly jobs: JobQueue,
  ) {}

  async list(coopname: string): Promise<WebhookEndpoint[]> {
    return (await this.repository.endpoints(coopname)).map(toEndpoint);
  }

  async create(
    coopname: string,
    input: WebhookEndpointCreate,
    by: StaffActor,
  ): Promise<WebhookEndpointWithSecret> {
    await this.assertTarget(input.url);
    const id = randomUUID();
    const secret = newWebhookSecret();
    const row = await this.repository.create(
      {
        id,
        coopname,
        url: input.url,
        events: input.events,
        secretSealed: sealSecret(this.crypto, id, secret),
      },
      WEBHOOK_ENDPOINTS_MAX,
      this.actor(by, 'webhook.endpoint.created', { coopname, endpoint_id: id }),
    );
    if (!row) throw new AppError('WEBHOOK_LIMIT_REACHED', 409);
    return { ...toEndpoint(row), secret };
  }

  async update(
    coopname: string,
    id: string,
    input: WebhookEndpointUpdate,
    by: StaffActor,
  ): Promise<WebhookEndpoint> {
    if (input.url) await this.assertTarget(input.url);
    const row = await this.repository.update(
      coopname,
      id,
      {
        ...(input.url ? { url: input.url } : {}),
        ...(input.events ? { events: input.events } : {}),
        ...(input.enabled === undefined
          ? {}
          : input.enabled
            ? { status: 'enabled' as const, disabledReason: null }
            : { status: 'disabled' as const, disabledReason: 'staff' }),
      },
      this.actor(by, 'webhook.endpoint.updated', {
        coopname,
        endpoint_id: id,
        fields: Object.keys(input).sort().join(','),
      }),
    );
    if (!row) throw notFound();
    return toEndpoint(row);
  }

  async remove(coopname: string, id: string, by: StaffActor): Promise<void> {
    const removed = await this.repository.remove(
      coopname,
      id,
      this.actor(by, 'webhook.endpoint.deleted', { coopname, endpoint_id: id }),
    );
    if (!removed) throw notFound();
  }

  /** A new secret at once (the old one stops signing): shown once. */
  async rotateSecret(
    coopname: string,
    id: string,
    by: StaffActor,
  ): Promise<WebhookEndpointWithSecret> {
    const secret = newWebhookSecret();
    const row = await this.repository.update(
      coopname,
      id,
      { secretSealed: sealSecret(this.crypto, id, secret) },
      this.actor(by, 'webhook.endpoint.secret-rotated', { coopname, endpoint_id: id }),
    );
    if (!row) throw notFound();
    return { ...toEndpoint(row), secret };
  }

  /** Queues a `webhook.test` event to this endpoint only (enabled or not: 404 when gone). */
  async test(coopname: string, id: string, by: StaffActor): Promise<WebhookTestResult> {
    const endpoint = await this.repository.endpoint(coopname, id);
    if (!endpoint) throw notFound();
    if (endpoint.status !== 'enabled') throw new AppError('CONFLICT', 409);
    const recorded = await this.repository.transaction(async (tx) => {
      await this.repository.audit(
        tx,
        this.actor(by, 'webhook.endpoint.tested', { coopname, endpoint_id: id }),
      );
      return this.events.record(
        tx,
        { coopname, type: 'webhook.test', data: { endpoint_id: id } },
        id,
      );
    });
    if (!recorded) throw notFound();
    this.jobs.kick();
    return { event_id: recorded.eventId, delivery_id: recorded.deliveryIds[0]! };
  }

  async deliveries(
    coopname: string,
    id: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<WebhookDeliveryPage> {
    if (!(await this.repository.endpoint(coopname, id))) throw notFound();
    const rows = await this.repository.deliveries(
      id,
      cursor === undefined ? undefined : Number(cursor),
      limit + 1,
    );
    const page = rows.slice(0, limit);
    return {
      deliveries: page.map(({ delivery, type }) => ({
        id: delivery.id,
        event_id: delivery.eventId,
        type,
        status: delivery.status,
        attempts: delivery.attempts,
        last_status_code: delivery.lastStatusCode,
        last_error: delivery.lastError,
        next_attempt_at: delivery.nextAttemptAt?.toISOString() ?? null,
        delivered_at: delivery.deliveredAt?.toISOString() ?? null,
        created_at: delivery.createdAt.toISOString(),
      })),
      next_cursor: rows.length > limit ? String(page.at(-1)!.delivery.seq) : null,
    };
  }

  /** Sends the delivery's event again now, with the same `webhook-id` (receivers dedupe). */
  async redeliver(coopname: string, deliveryId: string, by: StaffActor): Promise<void> {
    const delivery = await this.repository.deliveryOf(coopname, deliveryId);
    if (!delivery) throw notFound();
    const now = new Date();
    await this.repository.transaction(async (tx) => {
      const jobSeq = await this.repository.schedule(tx, deliveryId, now, true);
      if (jobSeq === undefined) throw notFound();
      await this.repository.audit(
        tx,
        this.actor(by, 'webhook.delivery.redelivered', { coopname, delivery_id: deliveryId }),
      );
      await this.events.queue(tx, deliveryId, jobSeq);
    });
    this.jobs.kick();
  }

  private async assertTarget(url: string): Promise<void> {
    if (this.config.webhooks.allowPrivateTargets) return;
    if (!(await isPublicTarget(url))) throw new AppError('WEBHOOK_URL_REFUSED', 422);
  }

  private actor(by: StaffActor, type: string, data: AuditData): Actor {
    return { userId: by.userId, event: this.audit.eventFor(by.userId, type, data, by.ip) };
  }
}

function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    events: row.events as WebhookEventType[],
    status: row.status,
    disabled_reason: row.disabledReason,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
