import {
  webhookDeliveryPageSchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
  webhookTestResultSchema,
} from '@cardcoop/contracts';
import type {
  WebhookDeliveryPage,
  WebhookDeliveryQuery,
  WebhookEndpoint,
  WebhookEndpointCreate,
  WebhookEndpointUpdate,
  WebhookEndpointWithSecret,
  WebhookTestResult,
} from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import type { MemberSessionManager } from '../session/manager.js';

const hooksPath = (coopname: string, rest = '') =>
  `/api/v1/business/cooperatives/${encodeURIComponent(coopname)}/webhooks${rest}`;

/**
 * A cooperative's webhook endpoints (staff read; owners and admins change): events signed per
 * Standard Webhooks, retried with backoff, with a delivery log and manual redelivery. Receivers
 * check deliveries with `verifyWebhook` from `@cardcoop/sdk/coop`.
 *
 * @example
 * ```ts
 * const { secret } = await business.webhooks.create('voskhod', {
 *   url: 'https://voskhod.example/hooks/cardcoop',
 *   events: ['grant.created', 'membership.changed'],
 * });
 * // keep `secret` now: it is never shown again
 * const { deliveries } = await business.webhooks.deliveries('voskhod', endpointId);
 * ```
 */
export interface WebhooksClient {
  list(coopname: string): Promise<WebhookEndpoint[]>;
  /** The answer carries the signing secret (`whsec_…`), shown this once. */
  create(coopname: string, input: WebhookEndpointCreate): Promise<WebhookEndpointWithSecret>;
  update(coopname: string, id: string, input: WebhookEndpointUpdate): Promise<WebhookEndpoint>;
  remove(coopname: string, id: string): Promise<void>;
  /** A new secret at once (step-up first); the old one stops signing. */
  rotateSecret(coopname: string, id: string): Promise<WebhookEndpointWithSecret>;
  /** Queues a `webhook.test` event to the endpoint. */
  test(coopname: string, id: string): Promise<WebhookTestResult>;
  deliveries(
    coopname: string,
    id: string,
    query?: WebhookDeliveryQuery,
  ): Promise<WebhookDeliveryPage>;
  /** Sends the delivery's event again (same `webhook-id`). */
  redeliver(coopname: string, deliveryId: string): Promise<void>;
}

export function createWebhooksClient(session: MemberSessionManager): WebhooksClient {
  const endpointPath = (coopname: string, id: string, rest = '') =>
    hooksPath(coopname, `/${encodeURIComponent(id)}${rest}`);
  return {
    list: async (coopname) =>
      parseResponse(
        webhookEndpointListSchema,
        await session.request(hooksPath(coopname)),
        'webhook endpoints',
      ).endpoints,
    create: async (coopname, input) =>
      parseResponse(
        webhookEndpointWithSecretSchema,
        await session.request(hooksPath(coopname), { method: 'POST', body: input }),
        'webhook endpoint',
      ),
    update: async (coopname, id, input) =>
      parseResponse(
        webhookEndpointSchema,
        await session.request(endpointPath(coopname, id), { method: 'PATCH', body: input }),
        'webhook endpoint',
      ),
    remove: async (coopname, id) => {
      await session.request(endpointPath(coopname, id), { method: 'DELETE' });
    },
    rotateSecret: async (coopname, id) =>
      parseResponse(
        webhookEndpointWithSecretSchema,
        await session.request(endpointPath(coopname, id, '/rotate-secret'), { method: 'POST' }),
        'webhook secret',
      ),
    test: async (coopname, id) =>
      parseResponse(
        webhookTestResultSchema,
        await session.request(endpointPath(coopname, id, '/test'), { method: 'POST' }),
        'webhook test',
      ),
    deliveries: async (coopname, id, query = {}) => {
      const params = new URLSearchParams();
      if (query.cursor) params.set('cursor', query.cursor);
      if (query.limit) params.set('limit', String(query.limit));
      const search = params.size > 0 ? `?${params.toString()}` : '';
      return parseResponse(
        webhookDeliveryPageSchema,
        await session.request(endpointPath(coopname, id, `/deliveries${search}`)),
        'webhook deliveries',
      );
    },
    redeliver: async (coopname, deliveryId) => {
      await session.request(
        hooksPath(coopname, `/deliveries/${encodeURIComponent(deliveryId)}/redeliver`),
        { method: 'POST' },
      );
    },
  };
}
