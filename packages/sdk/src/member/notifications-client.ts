import {
  markedReadSchema,
  notificationListSchema,
  notificationPreferencesSchema,
  unreadCountSchema,
} from '@cardcoop/contracts';
import type {
  NotificationList,
  NotificationPreferences,
  NotificationType,
} from '@cardcoop/contracts';
import { parseResponse } from '../auth/common.js';
import { withQuery } from '../http.js';
import type { MemberSessionManager } from '../session/manager.js';
import { createPushClient } from './push-client.js';
import type { PushClient } from './push-client.js';

const NOTIFICATIONS_PATH = '/api/v1/notifications';

/** Filters and page of {@link NotificationsClient.list}; all optional. */
export interface NotificationFilter {
  type?: NotificationType;
  coopname?: string;
  /** Unread ones only. */
  unread?: boolean;
  /** The `next_cursor` of the previous page. */
  cursor?: string;
  /** 1–100, default 20. */
  limit?: number;
}

/**
 * The member's notification centre and notification preferences. Real-time news of a new
 * notification comes through `member.events` (a `notification` event: list again).
 *
 * @example
 * ```ts
 * const { notifications, next_cursor } = await member.notifications.list({ unread: true });
 * await member.notifications.markRead(notifications.map((n) => n.id));
 * ```
 */
export interface NotificationsClient {
  /** Newest first, filtered; page on with the answer's `next_cursor`. */
  list(filter?: NotificationFilter): Promise<NotificationList>;
  unreadCount(): Promise<number>;
  /** Marks the member's own notifications read; returns how many were unread. */
  markRead(ids: string[]): Promise<number>;
  markAllRead(): Promise<number>;
  preferences(): Promise<NotificationPreferences>;
  /**
   * Saves the preferences read at their `revision`: `CONFLICT` when another device saved since
   * (read them again), `SECURITY_NOTICE_REQUIRED` when a security notice is switched off.
   */
  setPreferences(preferences: NotificationPreferences): Promise<NotificationPreferences>;
  /** Web push on this and the member's other browsers (see {@link PushClient}). */
  readonly push: PushClient;
}

export function createNotificationsClient(session: MemberSessionManager): NotificationsClient {
  const marked = async (path: string, body?: unknown) =>
    parseResponse(
      markedReadSchema,
      await session.request(`${NOTIFICATIONS_PATH}/${path}`, { method: 'POST', body }),
      `notifications/${path}`,
    ).marked;
  return {
    list: async (filter = {}) => {
      return parseResponse(
        notificationListSchema,
        await session.request(withQuery(NOTIFICATIONS_PATH, filter)),
        'notifications',
      );
    },
    unreadCount: async () =>
      parseResponse(
        unreadCountSchema,
        await session.request(`${NOTIFICATIONS_PATH}/unread-count`),
        'notifications/unread-count',
      ).unread,
    markRead: (ids) => marked('read', { ids }),
    markAllRead: () => marked('read-all'),
    preferences: async () =>
      parseResponse(
        notificationPreferencesSchema,
        await session.request(`${NOTIFICATIONS_PATH}/preferences`),
        'notifications/preferences',
      ),
    setPreferences: async (preferences) =>
      parseResponse(
        notificationPreferencesSchema,
        await session.request(`${NOTIFICATIONS_PATH}/preferences`, {
          method: 'PUT',
          body: preferences,
        }),
        'notifications/preferences',
      ),
    push: createPushClient(session),
  };
}
