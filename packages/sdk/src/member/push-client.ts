import { pushDeviceListSchema, pushKeySchema } from '@cardcoop/contracts';
import type { PushDeviceList, PushSubscriptionInput } from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import type { MemberSessionManager } from '../session/manager.js';

const PUSH_PATH = '/api/v1/notifications/push';

/**
 * Web push on the member's browsers. Ask the browser's permission only when the member asks for
 * push (a button), never on load.
 *
 * @example
 * ```ts
 * const key = await member.notifications.push.key();
 * if (key && (await Notification.requestPermission()) === 'granted') {
 *   const registration = await navigator.serviceWorker.ready;
 *   const subscription = await registration.pushManager.subscribe({
 *     userVisibleOnly: true,
 *     applicationServerKey: key,
 *   });
 *   await member.notifications.push.subscribe(subscription.toJSON() as PushSubscriptionInput);
 * }
 * ```
 */
export interface PushClient {
  /** The server's VAPID public key (base64url) to subscribe with; null when push is off there. */
  key(): Promise<string | null>;
  /**
   * Registers this browser's subscription (again is the same): `VALIDATION_FAILED` for an
   * endpoint that is not https or not a known push service, `SERVICE_UNAVAILABLE` when push is off.
   */
  subscribe(subscription: PushSubscriptionInput): Promise<void>;
  /** Forgets the subscription of `endpoint`; one already forgotten is no error. */
  unsubscribe(endpoint: string): Promise<void>;
  /** The member's subscribed browsers (without their endpoints). */
  devices(): Promise<PushDeviceList['devices']>;
}

export function createPushClient(session: MemberSessionManager): PushClient {
  const subscriptions = `${PUSH_PATH}/subscriptions`;
  return {
    key: async () =>
      parseResponse(pushKeySchema, await session.request(`${PUSH_PATH}/key`), 'push/key')
        .public_key,
    subscribe: async ({ endpoint, keys, label }) => {
      await session.request(subscriptions, {
        method: 'POST',
        body: { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth }, label },
      });
    },
    unsubscribe: async (endpoint) => {
      await session.request(subscriptions, { method: 'DELETE', body: { endpoint } });
    },
    devices: async () =>
      parseResponse(
        pushDeviceListSchema,
        await session.request(subscriptions),
        'push/subscriptions',
      ).devices,
  };
}
