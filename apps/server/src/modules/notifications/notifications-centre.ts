import { Inject, Injectable } from '@nestjs/common';
import type {
  Notification,
  NotificationList,
  NotificationListQuery,
  NotificationPreferences,
} from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import { assertSecurityOn, preferencesOf } from './notification-preferences.js';
import { NotificationsRepository } from './notifications.repository.js';
import type { ListedNotification } from './notifications.repository.js';

/** What the member reads and sets: their centre and their preferences. */
@Injectable()
export class NotificationsCentre {
  constructor(
    @Inject(NotificationsRepository) private readonly repository: NotificationsRepository,
  ) {}

  async list(userId: string, query: NotificationListQuery): Promise<NotificationList> {
    const { limit } = query;
    const rows = await this.repository.list(userId, {
      type: query.type,
      coopname: query.coopname,
      unreadOnly: query.unread === 'true',
      after: query.cursor,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      notifications: page.map(toWire),
      next_cursor: rows.length > limit ? page[page.length - 1]!.id : null,
    };
  }

  unreadCount(userId: string): Promise<number> {
    return this.repository.unreadCount(userId);
  }

  /** Marks the member's own notifications read (all of them without `ids`). */
  markRead(userId: string, ids?: string[]): Promise<number> {
    return this.repository.markRead(userId, ids);
  }

  async preferences(userId: string): Promise<NotificationPreferences> {
    return preferencesOf(await this.repository.preferences(userId));
  }

  async setPreferences(
    userId: string,
    wanted: NotificationPreferences,
  ): Promise<NotificationPreferences> {
    assertSecurityOn(wanted.channels);
    const saved = await this.repository.savePreferences(
      userId,
      { channels: wanted.channels, dailyDigest: wanted.daily_digest },
      wanted.revision,
    );
    if (!saved) throw new AppError('CONFLICT', 409);
    return preferencesOf(saved);
  }
}

const toWire = (row: ListedNotification): Notification =>
  ({
    id: row.id,
    type: row.type,
    coopname: row.coopname,
    display_name: row.displayName,
    data: row.data,
    created_at: row.createdAt.toISOString(),
    read_at: row.readAt?.toISOString() ?? null,
  }) as Notification;
