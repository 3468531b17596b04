import { z } from 'zod';

const instant = z.iso.datetime({ offset: true });

/** The events a cooperative may subscribe an endpoint to. */
export const WEBHOOK_EVENT_TYPES = [
  'grant.created',
  'grant.revoked',
  'account.opened',
  'account.closed',
  'membership.changed',
  'payment.confirmed',
] as const;
export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;

/** What `POST …/webhooks/{id}/test` sends; never subscribed to, always delivered. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

/** At most this many endpoints per cooperative. */
export const WEBHOOK_ENDPOINTS_MAX = 5;

/**
 * An endpoint's URL: https, or http only for `localhost` / `127.0.0.1` (a developer's machine).
 * The server also refuses hosts that resolve to private addresses (SSRF).
 */
export const webhookUrlSchema = z
  .url()
  .max(2048)
  .refine((value) => {
    const url = new URL(value);
    if (url.username || url.password) return false;
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname);
  }, 'must be an https:// URL (http:// only for localhost), without credentials');

const eventsSchema = z
  .array(webhookEventTypeSchema)
  .min(1)
  .max(WEBHOOK_EVENT_TYPES.length)
  .refine((events) => new Set(events).size === events.length, 'must not repeat an event');

/** `POST /business/cooperatives/{coopname}/webhooks`. */
export const webhookEndpointCreateSchema = z
  .object({ url: webhookUrlSchema, events: eventsSchema })
  .strict();
export type WebhookEndpointCreate = z.infer<typeof webhookEndpointCreateSchema>;

/** `PATCH …/webhooks/{id}`: what changes; `enabled: true` turns a disabled endpoint back on. */
export const webhookEndpointUpdateSchema = z
  .object({ url: webhookUrlSchema, events: eventsSchema, enabled: z.boolean() })
  .partial()
  .strict();
export type WebhookEndpointUpdate = z.infer<typeof webhookEndpointUpdateSchema>;

export const webhookEndpointSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  events: z.array(webhookEventTypeSchema),
  status: z.enum(['enabled', 'disabled']),
  /** Why it was disabled: `gone` (the receiver answered 410), `failing` (3 days), `staff`. */
  disabled_reason: z.string().nullable(),
  created_at: instant,
  updated_at: instant,
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

export const webhookEndpointListSchema = z.object({ endpoints: z.array(webhookEndpointSchema) });
export type WebhookEndpointList = z.infer<typeof webhookEndpointListSchema>;

/**
 * The endpoint with its signing secret, answered once (on create and rotation): the server
 * shows it never again. `whsec_` + base64 of 32 random bytes (Standard Webhooks).
 */
export const webhookEndpointWithSecretSchema = webhookEndpointSchema.extend({
  secret: z.string().regex(/^whsec_[A-Za-z0-9+/=]+$/),
});
export type WebhookEndpointWithSecret = z.infer<typeof webhookEndpointWithSecretSchema>;

/** `POST …/webhooks/{id}/test`: the queued `webhook.test` delivery. */
export const webhookTestResultSchema = z.object({
  event_id: z.string(),
  delivery_id: z.uuid(),
});
export type WebhookTestResult = z.infer<typeof webhookTestResultSchema>;

/** One event to one endpoint in the delivery log. */
export const webhookDeliverySchema = z.object({
  id: z.uuid(),
  event_id: z.string(),
  type: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  last_status_code: z.number().int().nullable(),
  last_error: z.string().nullable(),
  next_attempt_at: instant.nullable(),
  delivered_at: instant.nullable(),
  created_at: instant,
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

/** `GET …/webhooks/{id}/deliveries`: newest first; `next_cursor` for the next page. */
export const webhookDeliveryPageSchema = z.object({
  deliveries: z.array(webhookDeliverySchema),
  next_cursor: z.string().nullable(),
});
export type WebhookDeliveryPage = z.infer<typeof webhookDeliveryPageSchema>;

export const webhookDeliveryQuerySchema = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type WebhookDeliveryQuery = z.input<typeof webhookDeliveryQuerySchema>;

/** `GET /.well-known/webhook-public-key`: the platform's K1 key of `x-cardcoop-k1-signature`. */
export const webhookPublicKeySchema = z.object({ public_key: z.string() });
export type WebhookPublicKey = z.infer<typeof webhookPublicKeySchema>;

/** The body of every delivery: `data` per type (integration.md, "Webhooks"). */
export const webhookPayloadSchema = z.object({
  type: z.string(),
  timestamp: instant,
  data: z.record(z.string(), z.unknown()),
});
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;
