import { z } from 'zod';
import { notificationTypeSchema } from './notifications.js';

/** `GET /notifications/push/key`: the server's VAPID public key; null when push is off. */
export const pushKeySchema = z.object({
  public_key: z
    .string()
    .regex(/^[\w-]{87}$/)
    .nullable()
    .describe('Uncompressed P-256 point, base64url: the applicationServerKey of subscribe()'),
});
export type PushKey = z.infer<typeof pushKeySchema>;

/** A push service URL: https, no user name or password, at most 2 KB. */
const endpointSchema = z
  .url({ protocol: /^https$/ })
  .max(2048)
  .refine((value) => {
    const url = new URL(value);
    return url.username === '' && url.password === '';
  }, 'must have no user name or password')
  .describe('The PushSubscription endpoint');

/** base64url of `bytes` bytes, without padding or with the padding browsers sometimes add. */
const base64url = (bytes: number) => {
  const chars = Math.ceil((bytes * 4) / 3);
  const padding = (4 - (chars % 4)) % 4;
  return z.string().regex(new RegExp(`^[\\w-]{${chars}}={0,${padding}}$`));
};

/**
 * `POST /notifications/push/subscriptions`: `PushSubscription.toJSON()` of this browser (other
 * fields are ignored) and an optional device label. `p256dh` is the browser's uncompressed
 * P-256 key (65 bytes, 0x04 first), `auth` its 16-byte secret (RFC 8291).
 */
export const pushSubscriptionInputSchema = z.object({
  endpoint: endpointSchema,
  keys: z.object({
    p256dh: base64url(65).refine((value) => value.startsWith('B'), 'must be an uncompressed point'),
    auth: base64url(16),
  }),
  label: z.string().trim().min(1).max(100).optional(),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionInputSchema>;

/** `DELETE /notifications/push/subscriptions`: the endpoint to forget (in the body, never a URL). */
export const pushUnsubscribeSchema = z.object({ endpoint: endpointSchema });
export type PushUnsubscribe = z.infer<typeof pushUnsubscribeSchema>;

/** One of the member's subscribed browsers; the endpoint itself is never sent back. */
export const pushDeviceSchema = z.object({
  id: z.uuid(),
  label: z.string().nullable(),
  created_at: z.iso.datetime({ offset: true }),
  last_success_at: z.iso.datetime({ offset: true }).nullable(),
});
export const pushDeviceListSchema = z.object({ devices: z.array(pushDeviceSchema) });
export type PushDeviceList = z.infer<typeof pushDeviceListSchema>;

/**
 * What the service worker receives, decrypted: the notification's type, its text in the
 * member's language, and the app page to open on a click.
 */
export const pushMessageSchema = z.object({
  type: notificationTypeSchema,
  title: z.string(),
  body: z.string(),
  url: z.string().startsWith('/'),
});
export type PushMessage = z.infer<typeof pushMessageSchema>;
