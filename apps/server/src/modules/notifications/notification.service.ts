import { Inject, Injectable } from '@nestjs/common';
import {
  isSecurityNotification,
  isStaffMailedNotification,
  NOTIFICATION_DATA,
} from '@cardcoop/contracts';
import type { NotificationData, NotificationType } from '@cardcoop/contracts';
import type { Locale } from '../../common/i18n/locale.js';
import type { AppDatabase } from '../../db/database.js';
import { CACHE } from '../../infra/cache/cache.js';
import type { Cache } from '../../infra/cache/cache.js';
import { ServerCrypto } from '../../infra/crypto/server-crypto.js';
import { Scheduler } from '../../infra/scheduler/scheduler.js';
import { MailService } from '../mail/mail.service.js';
import { PushDelivery } from '../push/push-delivery.js';
import { MemberEvents } from '../realtime/member-events.js';
import type { MailNotice } from './notice-mail.js';
import { channelsFor } from './notification-preferences.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NovuDelivery } from './novu-delivery.js';
import type { DigestItem } from './notifications.repository.js';

/** How often the digests that are due are mailed (old notifications: modules/retention). */
const DIGESTS_EVERY_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface NotifyOptions {
  /** The cooperative the notice is about, if any. */
  coopname?: string | undefined;
  /** The caller's transaction: the notice (and its mail) commit with the change, or not at all. */
  tx?: AppDatabase | undefined;
  /** The language of the member's request that caused it; remembered for later mails. */
  locale?: Locale | undefined;
  /**
   * Sends this notice to the member at most once ("meeting:<id>:24h:<starts_at>"): a second
   * call with the same key writes nothing, mails nothing and answers `id: null`.
   */
  once?: string | undefined;
}

/** What `notify` did; `afterCommit` tells the member's open tabs (call it once `tx` committed). */
export interface Notified {
  id: string | null;
  afterCommit(): void;
}

/**
 * The one way every module tells a member something. The in-app row is written (in the caller's
 * transaction when given), the e-mail queued through the job queue in the same transaction unless
 * the member switched it off or chose the daily digest, a web push to each of the member's
 * browsers queued likewise unless switched off, and the member's tabs are told after commit.
 * Security notices are always on; their e-mails are sent by the module that made the change
 * (they carry its revert links), so they are not mailed a second time here, but they are pushed;
 * so are the staff notices whose module mails them itself (`isStaffMailedNotification`).
 * With Novu configured, one `novu-trigger` job takes the place of the e-mail (and push) and says
 * which channels are on.
 */
@Injectable()
export class NotificationService {
  constructor(
    @Inject(NotificationsRepository) private readonly repository: NotificationsRepository,
    @Inject(MailService) private readonly mail: MailService,
    @Inject(PushDelivery) private readonly push: PushDelivery,
    @Inject(ServerCrypto) private readonly crypto: ServerCrypto,
    @Inject(MemberEvents) private readonly events: MemberEvents,
    @Inject(CACHE) private readonly cache: Cache,
    @Inject(Scheduler) scheduler: Scheduler,
    @Inject(NovuDelivery) private readonly novu: NovuDelivery,
  ) {
    scheduler.every('notifications-housekeeping', DIGESTS_EVERY_MS, () =>
      this.sendDigests(new Date()),
    );
  }

  async notify<T extends NotificationType>(
    userId: string,
    type: T,
    data: NotificationData<T>,
    options: NotifyOptions = {},
  ): Promise<Notified> {
    const payload = NOTIFICATION_DATA[type].parse(data) as Record<string, unknown>;
    const coopname = options.coopname ?? null;
    const write = async (tx: AppDatabase): Promise<string | null> => {
      const recipient = await this.repository.recipient(userId, coopname, tx);
      if (!recipient) return null;
      if (options.once && !(await this.repository.firstDelivery(tx, userId, options.once))) {
        return null;
      }
      const channels = channelsFor(type, recipient.preferences);
      const mailed =
        channels.email && !isSecurityNotification(type) && !isStaffMailedNotification(type);
      // The digest is carried by the in-app row: without one, the mail goes now.
      const digest = mailed && channels.in_app && (recipient.preferences?.dailyDigest ?? false);
      const locale = options.locale ?? recipient.preferences?.locale ?? 'ru';
      if (options.locale) await this.repository.rememberLocale(tx, userId, options.locale);
      const notice = mailNotice({ type, data: payload, displayName: recipient.displayName });
      const id = channels.in_app
        ? await this.repository.insert(tx, {
            userId,
            type,
            coopname,
            data: payload,
            digestPending: digest,
          })
        : null;
      const email = mailed && !digest;
      if (this.novu.enabled) {
        await this.novu.queue(tx, {
          userId,
          notice,
          coopname,
          notificationId: id,
          channels: { email, push: channels.push },
          email: email ? this.emailOf(userId, recipient.emailSealed) : null,
          locale,
        });
      } else if (email) {
        await this.mail.send(
          this.emailOf(userId, recipient.emailSealed),
          { kind: 'notification', notice },
          locale,
          tx,
        );
      }
      if (!this.novu.enabled && channels.push) await this.push.queue(tx, userId, notice, locale);
      return id;
    };
    const id = options.tx ? await write(options.tx) : await this.repository.transaction(write);
    const afterCommit = () => {
      if (id) this.events.publish(userId, { type: 'notification', notification_id: id });
    };
    if (!options.tx) afterCommit();
    return { id, afterCommit: options.tx ? afterCommit : () => undefined };
  }

  /**
   * Notifies at most once a day per `key` (e.g. reads of one grant, which are hot): one cache
   * operation per call, a write only for the first of the day.
   */
  async notifyDaily<T extends NotificationType>(
    key: string,
    userId: string,
    type: T,
    data: NotificationData<T>,
    options: Omit<NotifyOptions, 'tx'> = {},
  ): Promise<void> {
    if (await this.cache.setIfAbsent(`notify-daily:${type}:${key}`, '1', DAY_MS))
      await this.notify(userId, type, data, options);
  }

  /**
   * Mails each member whose oldest waiting notification is a day old all that waited, in one
   * mail: at most one digest a day per member, whichever node runs it.
   */
  async sendDigests(now: Date): Promise<void> {
    await this.repository.takeDigests(new Date(now.getTime() - DAY_MS), async (tx, items) => {
      const byUser = new Map<string, DigestItem[]>();
      for (const item of items) byUser.set(item.userId, [...(byUser.get(item.userId) ?? []), item]);
      for (const [userId, notices] of byUser) {
        const prefs = await this.repository.preferences(userId, tx);
        await this.mail.send(
          this.emailOf(userId, notices[0]!.emailSealed),
          { kind: 'notification-digest', notices: notices.map(mailNotice) },
          prefs?.locale ?? 'ru',
          tx,
        );
      }
    });
  }

  private emailOf(userId: string, sealed: string): string {
    return this.crypto.open('email', sealed, `user:${userId}`);
  }
}

const mailNotice = ({
  type,
  data,
  displayName,
}: Pick<DigestItem, 'type' | 'data' | 'displayName'>) =>
  ({ type, data, display_name: displayName }) as MailNotice;
