import { isSecurityNotification, NOTIFICATION_TYPES } from '@cardcoop/contracts';
import type {
  ChannelSwitches,
  NotificationPreferences,
  NotificationType,
} from '@cardcoop/contracts';
import { AppError } from '../../common/errors/app-error.js';
import type { PreferencesRow } from './notifications.repository.js';

const ALL_ON: ChannelSwitches = { in_app: true, email: true, push: true };

/** Where a notification of `type` goes: security notices everywhere, others as the member chose. */
export function channelsFor(
  type: NotificationType,
  row: PreferencesRow | null | undefined,
): ChannelSwitches {
  if (isSecurityNotification(type)) return ALL_ON;
  return { ...ALL_ON, ...row?.channels[type] };
}

/** The member's preferences on the wire; no row: the defaults at revision 0. */
export function preferencesOf(row: PreferencesRow | null | undefined): NotificationPreferences {
  return {
    channels: Object.fromEntries(
      NOTIFICATION_TYPES.map((type) => [type, channelsFor(type, row)]),
    ) as NotificationPreferences['channels'],
    daily_digest: row?.dailyDigest ?? false,
    revision: row?.revision ?? 0,
  };
}

/** Refuses switching a security notice off on any channel (422 SECURITY_NOTICE_REQUIRED). */
export function assertSecurityOn(channels: NotificationPreferences['channels']): void {
  const off = NOTIFICATION_TYPES.filter(
    (type) => isSecurityNotification(type) && Object.values(channels[type]).includes(false),
  );
  if (off.length > 0)
    throw new AppError('SECURITY_NOTICE_REQUIRED', 422, {
      details: off.map((type) => ({
        path: `channels.${type}`,
        code: 'security_notice',
        message: 'security notices cannot be switched off',
      })),
    });
}
