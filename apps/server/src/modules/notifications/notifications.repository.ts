import { Inject, Injectable } from '@nestjs/common';
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { NotificationType } from '@cardcoop/contracts';
import type { Locale } from '../../common/i18n/locale.js';
import { DATABASE } from '../../db/database.module.js';
import type { AppDatabase, Database } from '../../db/database.js';
import {
  cooperatives,
  notificationDeliveries,
  notificationPreferences,
  notifications,
  users,
} from '../../db/schema/index.js';

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;
export type PreferencesRow = typeof notificationPreferences.$inferSelect;
export type ListedNotification = NotificationRow & { displayName: string | null };

export interface ListFilter {
  type?: NotificationType | undefined;
  coopname?: string | undefined;
  unreadOnly: boolean;
  /** The id of the last notification of the previous page. */
  after?: string | undefined;
  limit: number;
}

/** Whom a notification goes to: their sealed address, their choices, the cooperative's name. */
export interface Recipient {
  emailSealed: string;
  preferences: PreferencesRow | null;
  displayName: string | null;
}

/** A notification whose e-mail waited for the daily digest, with where it goes. */
export interface DigestItem extends NotificationRow {
  emailSealed: string;
  displayName: string | null;
}

@Injectable()
export class NotificationsRepository {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  private get db() {
    return this.database.primary;
  }

  /** Runs `work` in a transaction of its own. */
  transaction<T>(work: (tx: AppDatabase) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async recipient(
    userId: string,
    coopname: string | null,
    tx: AppDatabase = this.db,
  ): Promise<Recipient | undefined> {
    const [row] = await tx
      .select({
        emailSealed: users.emailSealed,
        preferences: notificationPreferences,
        displayName: cooperatives.displayName,
      })
      .from(users)
      .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
      .leftJoin(cooperatives, eq(cooperatives.coopname, sql`${coopname}`))
      .where(eq(users.id, userId));
    return row;
  }

  async insert(tx: AppDatabase, row: NewNotification): Promise<string> {
    const [inserted] = await tx
      .insert(notifications)
      .values(row)
      .returning({ id: notifications.id });
    return inserted!.id;
  }

  /** Keeps the language the member last used for their mails (no write when unchanged). */
  async rememberLocale(tx: AppDatabase, userId: string, locale: Locale): Promise<void> {
    await tx
      .insert(notificationPreferences)
      .values({ userId, locale })
      .onConflictDoUpdate({
        target: notificationPreferences.userId,
        set: { locale },
        setWhere: sql`${notificationPreferences.locale} <> ${locale}`,
      });
  }

  /** The member's notifications matching `where`, newest first. */
  private listQuery(where: SQL | undefined) {
    return this.db
      .select({ notification: notifications, displayName: cooperatives.displayName })
      .from(notifications)
      .leftJoin(cooperatives, eq(cooperatives.coopname, notifications.coopname))
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id));
  }

  // The centre's first page, unfiltered, is what every open of the app reads: prepared.
  private readonly firstPage = this.listQuery(eq(notifications.userId, sql.placeholder('userId')))
    .limit(sql.placeholder('limit'))
    .prepare('notifications_first_page');

  /** The member's notifications, newest first, after the cursor's one. */
  async list(userId: string, filter: ListFilter): Promise<ListedNotification[]> {
    const filtered = filter.type || filter.coopname || filter.unreadOnly || filter.after;
    const after = filter.after
      ? sql`(${notifications.createdAt}, ${notifications.id}) < (select n.created_at, n.id from ${notifications} n where n.id = ${filter.after} and n.user_id = ${userId})`
      : undefined;
    const rows = filtered
      ? await this.listQuery(
          and(
            eq(notifications.userId, userId),
            filter.type ? eq(notifications.type, filter.type) : undefined,
            filter.coopname ? eq(notifications.coopname, filter.coopname) : undefined,
            filter.unreadOnly ? isNull(notifications.readAt) : undefined,
            after,
          ),
        ).limit(filter.limit)
      : await this.firstPage.execute({ userId, limit: filter.limit });
    return rows.map(({ notification, displayName }) => ({ ...notification, displayName }));
  }

  /** Marks the member's own unread notifications among `ids` read; returns how many. */
  async markRead(userId: string, ids?: string[]): Promise<number> {
    const rows = await this.db
      .update(notifications)
      .set({ readAt: sql`now()` })
      .where(
        and(
          eq(notifications.userId, userId),
          isNull(notifications.readAt),
          ids ? inArray(notifications.id, ids) : undefined,
        ),
      )
      .returning({ id: notifications.id });
    return rows.length;
  }

  // The bell's badge on every page: prepared.
  private readonly unread = this.db
    .select({ unread: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, sql.placeholder('userId')), isNull(notifications.readAt)))
    .prepare('notifications_unread_count');

  async unreadCount(userId: string): Promise<number> {
    const [row] = await this.unread.execute({ userId });
    return row?.unread ?? 0;
  }

  /** The member's stored choices; `db` is the caller's transaction when it runs in one. */
  async preferences(
    userId: string,
    db: AppDatabase = this.db,
  ): Promise<PreferencesRow | undefined> {
    const [row] = await db
      .select()
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, userId));
    return row;
  }

  /**
   * Saves the member's choices if `revision` is still the stored one (0 when nothing is
   * stored yet); undefined when it is stale.
   */
  async savePreferences(
    userId: string,
    choices: Pick<PreferencesRow, 'channels' | 'dailyDigest'>,
    revision: number,
  ): Promise<PreferencesRow | undefined> {
    const next = {
      ...choices,
      revision: sql`${notificationPreferences.revision} + 1`,
      updatedAt: sql`now()`,
    };
    const current = eq(notificationPreferences.revision, revision);
    const [row] =
      revision === 0
        ? await this.db
            .insert(notificationPreferences)
            .values({ userId, ...choices, revision: 1 })
            .onConflictDoUpdate({
              target: notificationPreferences.userId,
              set: next,
              setWhere: current,
            })
            .returning()
        : await this.db
            .update(notificationPreferences)
            .set(next)
            .where(and(eq(notificationPreferences.userId, userId), current))
            .returning();
    return row;
  }

  /**
   * Takes the notifications waiting for the digest of every member whose oldest waiting one is
   * from before `dueBefore` (clearing the flags), and hands them to `send` in the same
   * transaction: the digest mails are queued exactly when the flags clear.
   */
  async takeDigests(
    dueBefore: Date,
    send: (tx: AppDatabase, items: DigestItem[]) => Promise<void>,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const taken = await tx
        .update(notifications)
        .set({ digestPending: false })
        .from(users)
        .where(
          and(
            eq(notifications.digestPending, true),
            eq(users.id, notifications.userId),
            sql`${notifications.userId} in (select n.user_id from ${notifications} n where n.digest_pending and n.created_at < ${dueBefore.toISOString()})`,
          ),
        )
        .returning({ notification: notifications, emailSealed: users.emailSealed });
      if (taken.length === 0) return;
      const coopnames = [
        ...new Set(taken.flatMap(({ notification }) => notification.coopname ?? [])),
      ];
      const names = coopnames.length
        ? await tx
            .select({ coopname: cooperatives.coopname, displayName: cooperatives.displayName })
            .from(cooperatives)
            .where(inArray(cooperatives.coopname, coopnames))
        : [];
      const nameOf = new Map(names.map((row) => [row.coopname, row.displayName]));
      await send(
        tx,
        taken.map(({ notification, emailSealed }) => ({
          ...notification,
          emailSealed,
          displayName: notification.coopname ? (nameOf.get(notification.coopname) ?? null) : null,
        })),
      );
    });
  }

  /**
   * Records that the notice `key` reached the member; false when it had already (nothing is
   * written then). In the notice's transaction, so both commit or neither.
   */
  async firstDelivery(tx: AppDatabase, userId: string, key: string): Promise<boolean> {
    const inserted = await tx
      .insert(notificationDeliveries)
      .values({ userId, key })
      .onConflictDoNothing()
      .returning({ key: notificationDeliveries.key });
    return inserted.length > 0;
  }
}
